using System;
using AutoTracker.EntityFrameworkCore.MultiTenancy;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AutoTracker.EntityFrameworkCore.MySql.Migrations
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
                    Id = table.Column<Guid>(type: "char(36)", nullable: false),
                    TenantId = table.Column<Guid>(type: "char(36)", nullable: true),
                    Name = table.Column<string>(type: "varchar(128)", maxLength: 128, nullable: false),
                    Value = table.Column<string>(type: "varchar(256)", maxLength: 256, nullable: false),
                    ConcurrencyStamp = table.Column<string>(type: "varchar(40)", maxLength: 40, nullable: false, collation: "utf8mb4_bin"),
                    CreationTime = table.Column<DateTime>(type: "datetime(6)", nullable: false),
                    LastModificationTime = table.Column<DateTime>(type: "datetime(6)", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SettingValues", x => x.Id);
                })
                .Annotation("MySQL:Charset", "utf8mb4")
                .Annotation("Relational:Collation", "utf8mb4_unicode_ci");

            migrationBuilder.CreateIndex(
                name: "IX_SettingValues_TenantId_Name",
                table: "SettingValues",
                columns: new[] { "TenantId", "Name" },
                unique: true);

            // Each tenant's economy unit becomes a setting override; L/100 km (0) is the default and needs no row.
            // The rows of tenants with a database of their own are moved there by the database initializer. The
            // statement reads the tenants table, so tenant databases skip it.
            migrationBuilder.Sql(@"INSERT INTO `SettingValues` (`Id`, `TenantId`, `Name`, `Value`, `ConcurrencyStamp`, `CreationTime`)
SELECT UUID(), `Id`, 'Units.Economy',
       CASE `EconomyUnit` WHEN 1 THEN 'MilesPerUsGallon' WHEN 2 THEN 'MilesPerImperialGallon' ELSE 'KilowattHoursPer100Kilometers' END,
       REPLACE(UUID(), '-', ''), UTC_TIMESTAMP(6)
FROM `Tenants` WHERE `EconomyUnit` <> 0;")
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
                type: "int",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.Sql(@"UPDATE `Tenants` t LEFT JOIN `SettingValues` s ON s.`TenantId` = t.`Id` AND s.`Name` = 'Units.Economy'
SET t.`EconomyUnit` = CASE s.`Value` WHEN 'MilesPerUsGallon' THEN 1 WHEN 'MilesPerImperialGallon' THEN 2 WHEN 'KilowattHoursPer100Kilometers' THEN 3 ELSE 0 END;")
                .Annotation(TenantMigrationsAssembly.HostOnlyAnnotation, true);

            migrationBuilder.DropTable(
                name: "SettingValues");
        }
    }
}
