using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AutoTracker.EntityFrameworkCore.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ImportBatchServiceOdometersAsNotes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "ServiceOdometersAsNotes",
                table: "ImportBatches",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ServiceOdometersAsNotes",
                table: "ImportBatches");
        }
    }
}
