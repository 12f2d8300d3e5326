using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AutoTracker.EntityFrameworkCore.MySql.Migrations
{
    /// <inheritdoc />
    public partial class TenantDatabasesAndNames : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ProtectedConnectionString",
                table: "Tenants",
                type: "varchar(2048)",
                maxLength: 2048,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "CrossTenantAccessRecords",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "char(36)", nullable: false),
                    TenantId = table.Column<Guid>(type: "char(36)", nullable: false),
                    UserId = table.Column<Guid>(type: "char(36)", nullable: true),
                    Purpose = table.Column<string>(type: "varchar(128)", maxLength: 128, nullable: false),
                    AccessTime = table.Column<DateTime>(type: "datetime(6)", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CrossTenantAccessRecords", x => x.Id);
                })
                .Annotation("MySQL:Charset", "utf8mb4")
                .Annotation("Relational:Collation", "utf8mb4_unicode_ci");

            migrationBuilder.CreateTable(
                name: "ReservedTenantNames",
                columns: table => new
                {
                    NormalizedName = table.Column<string>(type: "varchar(63)", maxLength: 63, nullable: false, collation: "utf8mb4_bin"),
                    Name = table.Column<string>(type: "varchar(63)", maxLength: 63, nullable: false),
                    TenantId = table.Column<Guid>(type: "char(36)", nullable: false),
                    ReservationTime = table.Column<DateTime>(type: "datetime(6)", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReservedTenantNames", x => x.NormalizedName);
                })
                .Annotation("MySQL:Charset", "utf8mb4")
                .Annotation("Relational:Collation", "utf8mb4_unicode_ci");

            migrationBuilder.CreateIndex(
                name: "IX_CrossTenantAccessRecords_TenantId_AccessTime",
                table: "CrossTenantAccessRecords",
                columns: new[] { "TenantId", "AccessTime" });

            migrationBuilder.CreateIndex(
                name: "IX_ReservedTenantNames_TenantId",
                table: "ReservedTenantNames",
                column: "TenantId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CrossTenantAccessRecords");

            migrationBuilder.DropTable(
                name: "ReservedTenantNames");

            migrationBuilder.DropColumn(
                name: "ProtectedConnectionString",
                table: "Tenants");
        }
    }
}
