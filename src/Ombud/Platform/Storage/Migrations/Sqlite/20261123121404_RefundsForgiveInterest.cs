using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Ombud.Platform.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class RefundsForgiveInterest : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "InterestForgivenMinor",
                table: "commerce_refunds",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "InterestForgivenMinor",
                table: "commerce_payment_plans",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "RefundedMinor",
                table: "commerce_payment_plans",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "InterestForgivenMinor",
                table: "commerce_refunds");

            migrationBuilder.DropColumn(
                name: "InterestForgivenMinor",
                table: "commerce_payment_plans");

            migrationBuilder.DropColumn(
                name: "RefundedMinor",
                table: "commerce_payment_plans");
        }
    }
}
