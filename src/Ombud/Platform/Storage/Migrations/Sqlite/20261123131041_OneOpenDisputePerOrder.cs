using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Ombud.Platform.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class OneOpenDisputePerOrder : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_disputes_disputes_OrderId_State",
                table: "disputes_disputes");

            migrationBuilder.CreateIndex(
                name: "IX_disputes_disputes_OrderId_open",
                table: "disputes_disputes",
                column: "OrderId",
                unique: true,
                filter: "\"State\" <> 'Closed'");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_disputes_disputes_OrderId_open",
                table: "disputes_disputes");

            migrationBuilder.CreateIndex(
                name: "IX_disputes_disputes_OrderId_State",
                table: "disputes_disputes",
                columns: new[] { "OrderId", "State" });
        }
    }
}
