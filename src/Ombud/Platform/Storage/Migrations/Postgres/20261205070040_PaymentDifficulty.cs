using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Ombud.Platform.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class PaymentDifficulty : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
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
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "commerce_plan_adjustments");

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
