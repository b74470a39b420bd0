using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Ombud.Platform.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Disputes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "HeldSince",
                table: "commerce_payment_plans",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "HeldMinor",
                table: "commerce_instalments",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.CreateTable(
                name: "disputes_disputes",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrderId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CustomerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    MerchantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    LineNumber = table.Column<int>(type: "INTEGER", nullable: true),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    OutcomeDetail = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    Currency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    DisputedMinor = table.Column<long>(type: "INTEGER", nullable: false),
                    HeldMinor = table.Column<long>(type: "INTEGER", nullable: false),
                    RefundMinor = table.Column<long>(type: "INTEGER", nullable: false),
                    RefundId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Market = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    ReportedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    RegulatoryPolicy = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    AcknowledgeBy = table.Column<DateTime>(type: "TEXT", nullable: false),
                    FinalResponseBy = table.Column<DateTime>(type: "TEXT", nullable: false),
                    SummaryResolutionBy = table.Column<DateTime>(type: "TEXT", nullable: true),
                    StoreResolutionDeadline = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ReturnCarrier = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    ReturnTrackingNumber = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    EscalatedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    MerchantDeadline = table.Column<DateTime>(type: "TEXT", nullable: true),
                    EvidenceText = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    EvidenceCarrier = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    EvidenceTrackingNumber = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    EvidenceSubmittedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    AppealDeadline = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ClosedAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_disputes_disputes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_disputes_disputes_commerce_orders_OrderId",
                        column: x => x.OrderId,
                        principalTable: "commerce_orders",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "platform_outbox",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Type = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Payload = table.Column<string>(type: "TEXT", nullable: false),
                    OccurredAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ProcessedAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_platform_outbox", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "disputes_transitions",
                columns: table => new
                {
                    Number = table.Column<int>(type: "INTEGER", nullable: false),
                    DisputeId = table.Column<Guid>(type: "TEXT", nullable: false),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Actor = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Move = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    From = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    To = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_disputes_transitions", x => new { x.DisputeId, x.Number });
                    table.ForeignKey(
                        name: "FK_disputes_transitions_disputes_disputes_DisputeId",
                        column: x => x.DisputeId,
                        principalTable: "disputes_disputes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_disputes_disputes_CustomerId_ReportedAt",
                table: "disputes_disputes",
                columns: new[] { "CustomerId", "ReportedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_disputes_disputes_MerchantId_State",
                table: "disputes_disputes",
                columns: new[] { "MerchantId", "State" });

            migrationBuilder.CreateIndex(
                name: "IX_disputes_disputes_OrderId_State",
                table: "disputes_disputes",
                columns: new[] { "OrderId", "State" });

            migrationBuilder.CreateIndex(
                name: "IX_disputes_disputes_State_MerchantDeadline",
                table: "disputes_disputes",
                columns: new[] { "State", "MerchantDeadline" });

            migrationBuilder.CreateIndex(
                name: "IX_disputes_disputes_State_StoreResolutionDeadline",
                table: "disputes_disputes",
                columns: new[] { "State", "StoreResolutionDeadline" });

            migrationBuilder.CreateIndex(
                name: "IX_platform_outbox_ProcessedAt_OccurredAt",
                table: "platform_outbox",
                columns: new[] { "ProcessedAt", "OccurredAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "disputes_transitions");

            migrationBuilder.DropTable(
                name: "platform_outbox");

            migrationBuilder.DropTable(
                name: "disputes_disputes");

            migrationBuilder.DropColumn(
                name: "HeldSince",
                table: "commerce_payment_plans");

            migrationBuilder.DropColumn(
                name: "HeldMinor",
                table: "commerce_instalments");
        }
    }
}
