using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AutoTracker.EntityFrameworkCore.Sqlite.Migrations
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
                type: "TEXT",
                maxLength: 2048,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "CrossTenantAccessRecords",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    UserId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Purpose = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    AccessTime = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CrossTenantAccessRecords", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ReservedTenantNames",
                columns: table => new
                {
                    NormalizedName = table.Column<string>(type: "TEXT", maxLength: 63, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 63, nullable: false),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ReservationTime = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReservedTenantNames", x => x.NormalizedName);
                });

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
