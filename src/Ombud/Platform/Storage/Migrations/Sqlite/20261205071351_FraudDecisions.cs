using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Ombud.Platform.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class FraudDecisions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "fraud_decisions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrderId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CustomerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Score = table.Column<double>(type: "REAL", nullable: false),
                    ReasonsJson = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    Basis = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Trigger = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    DecidedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_fraud_decisions", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_commerce_orders_Email",
                table: "commerce_orders",
                column: "Email");

            migrationBuilder.CreateIndex(
                name: "IX_commerce_orders_Phone",
                table: "commerce_orders",
                column: "Phone");

            migrationBuilder.CreateIndex(
                name: "IX_commerce_orders_ShippingAddress_Line1",
                table: "commerce_orders",
                column: "ShippingAddress_Line1");

            migrationBuilder.CreateIndex(
                name: "IX_fraud_decisions_DecidedAt",
                table: "fraud_decisions",
                column: "DecidedAt");

            migrationBuilder.CreateIndex(
                name: "IX_fraud_decisions_OrderId_DecidedAt",
                table: "fraud_decisions",
                columns: new[] { "OrderId", "DecidedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "fraud_decisions");

            migrationBuilder.DropIndex(
                name: "IX_commerce_orders_Email",
                table: "commerce_orders");

            migrationBuilder.DropIndex(
                name: "IX_commerce_orders_Phone",
                table: "commerce_orders");

            migrationBuilder.DropIndex(
                name: "IX_commerce_orders_ShippingAddress_Line1",
                table: "commerce_orders");
        }
    }
}
