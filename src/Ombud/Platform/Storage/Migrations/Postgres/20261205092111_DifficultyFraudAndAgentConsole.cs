using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Ombud.Platform.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class DifficultyFraudAndAgentConsole : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Resolution",
                table: "marketplace_queue",
                type: "character varying(20)",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "AuthorName",
                table: "conversations_messages",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "BreathingSpaceUntil",
                table: "commerce_payment_plans",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "ExtensionsTaken",
                table: "commerce_payment_plans",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<long>(
                name: "WrittenOffMinor",
                table: "commerce_payment_plans",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "FeeMinor",
                table: "commerce_instalments",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "WaivedMinor",
                table: "commerce_instalments",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.CreateTable(
                name: "commerce_plan_adjustments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PlanId = table.Column<Guid>(type: "uuid", nullable: false),
                    OrderId = table.Column<Guid>(type: "uuid", nullable: false),
                    CustomerId = table.Column<Guid>(type: "uuid", nullable: false),
                    Currency = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    Kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Status = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Days = table.Column<int>(type: "integer", nullable: true),
                    Instalments = table.Column<int>(type: "integer", nullable: true),
                    AmountMinor = table.Column<long>(type: "bigint", nullable: true),
                    FeeMinor = table.Column<long>(type: "bigint", nullable: false),
                    ReliefMinor = table.Column<long>(type: "bigint", nullable: false),
                    Summary = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    Note = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    ByStaff = table.Column<bool>(type: "boolean", nullable: false),
                    RequestedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    RequestedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    DecidedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    DecidedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_commerce_plan_adjustments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_commerce_plan_adjustments_commerce_payment_plans_PlanId",
                        column: x => x.PlanId,
                        principalTable: "commerce_payment_plans",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "fraud_decisions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OrderId = table.Column<Guid>(type: "uuid", nullable: false),
                    CustomerId = table.Column<Guid>(type: "uuid", nullable: false),
                    Outcome = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Score = table.Column<double>(type: "double precision", nullable: false),
                    ReasonsJson = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    Basis = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Trigger = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    DecidedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
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
                name: "IX_commerce_plan_adjustments_CustomerId",
                table: "commerce_plan_adjustments",
                column: "CustomerId");

            migrationBuilder.CreateIndex(
                name: "IX_commerce_plan_adjustments_PlanId",
                table: "commerce_plan_adjustments",
                column: "PlanId");

            migrationBuilder.CreateIndex(
                name: "IX_commerce_plan_adjustments_Status",
                table: "commerce_plan_adjustments",
                column: "Status");

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
                name: "commerce_plan_adjustments");

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

            migrationBuilder.DropColumn(
                name: "Resolution",
                table: "marketplace_queue");

            migrationBuilder.DropColumn(
                name: "AuthorName",
                table: "conversations_messages");

            migrationBuilder.DropColumn(
                name: "BreathingSpaceUntil",
                table: "commerce_payment_plans");

            migrationBuilder.DropColumn(
                name: "ExtensionsTaken",
                table: "commerce_payment_plans");

            migrationBuilder.DropColumn(
                name: "WrittenOffMinor",
                table: "commerce_payment_plans");

            migrationBuilder.DropColumn(
                name: "FeeMinor",
                table: "commerce_instalments");

            migrationBuilder.DropColumn(
                name: "WaivedMinor",
                table: "commerce_instalments");
        }
    }
}
