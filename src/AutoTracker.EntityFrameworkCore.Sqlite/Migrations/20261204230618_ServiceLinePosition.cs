using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AutoTracker.EntityFrameworkCore.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ServiceLinePosition : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "Position",
                table: "ServiceLines",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Position",
                table: "ServiceLines");
        }
    }
}
