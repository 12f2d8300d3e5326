using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AutoTracker.EntityFrameworkCore.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ImportBatchUnitsAndCleanupIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "DistanceUnit",
                table: "ImportBatches",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "VolumeUnit",
                table: "ImportBatches",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_ImportBatches_TenantId_CommittedTime_CreationTime",
                table: "ImportBatches",
                columns: new[] { "TenantId", "CommittedTime", "CreationTime" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ImportBatches_TenantId_CommittedTime_CreationTime",
                table: "ImportBatches");

            migrationBuilder.DropColumn(
                name: "DistanceUnit",
                table: "ImportBatches");

            migrationBuilder.DropColumn(
                name: "VolumeUnit",
                table: "ImportBatches");
        }
    }
}
