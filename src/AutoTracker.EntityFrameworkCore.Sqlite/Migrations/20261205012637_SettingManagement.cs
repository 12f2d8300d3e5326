using System;
using AutoTracker.EntityFrameworkCore.MultiTenancy;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AutoTracker.EntityFrameworkCore.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class SettingManagement : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "SettingValues",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    Value = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    ConcurrencyStamp = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    CreationTime = table.Column<DateTime>(type: "TEXT", nullable: false),
                    LastModificationTime = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SettingValues", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_SettingValues_TenantId_Name",
                table: "SettingValues",
                columns: new[] { "TenantId", "Name" },
                unique: true);

            // Each tenant's economy unit becomes a setting override; L/100 km (0) is the default and needs no row.
            // The rows of tenants with a database of their own are moved there by the database initializer. The
            // statement reads the tenants table, so tenant databases skip it.
            migrationBuilder.Sql(@"INSERT INTO ""SettingValues"" (""Id"", ""TenantId"", ""Name"", ""Value"", ""ConcurrencyStamp"", ""CreationTime"")
SELECT upper(substr(g, 1, 8) || '-' || substr(g, 9, 4) || '-4' || substr(g, 14, 3) || '-' || substr('89AB', 1 + (abs(random()) % 4), 1) || substr(g, 18, 3) || '-' || substr(g, 21, 12)),
       ""Id"", 'Units.Economy',
       CASE ""EconomyUnit"" WHEN 1 THEN 'MilesPerUsGallon' WHEN 2 THEN 'MilesPerImperialGallon' ELSE 'KilowattHoursPer100Kilometers' END,
       lower(hex(randomblob(16))), strftime('%Y-%m-%d %H:%M:%f', 'now')
FROM (SELECT ""Id"", ""EconomyUnit"", lower(hex(randomblob(16))) AS g FROM ""Tenants"" WHERE ""EconomyUnit"" <> 0);")
                .Annotation(TenantMigrationsAssembly.HostOnlyAnnotation, true);

            migrationBuilder.DropColumn(
                name: "EconomyUnit",
                table: "Tenants");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "EconomyUnit",
                table: "Tenants",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.Sql(@"UPDATE ""Tenants"" SET ""EconomyUnit"" = CASE (SELECT ""Value"" FROM ""SettingValues"" s WHERE s.""TenantId"" = ""Tenants"".""Id"" AND s.""Name"" = 'Units.Economy')
    WHEN 'MilesPerUsGallon' THEN 1 WHEN 'MilesPerImperialGallon' THEN 2 WHEN 'KilowattHoursPer100Kilometers' THEN 3 ELSE 0 END;")
                .Annotation(TenantMigrationsAssembly.HostOnlyAnnotation, true);

            migrationBuilder.DropTable(
                name: "SettingValues");
        }
    }
}
