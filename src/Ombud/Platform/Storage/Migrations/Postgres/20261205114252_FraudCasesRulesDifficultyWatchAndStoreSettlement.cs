using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Ombud.Platform.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class FraudCasesRulesDifficultyWatchAndStoreSettlement : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "StoreRefundedMinor",
                table: "disputes_disputes",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.CreateTable(
                name: "commerce_difficulty_cases",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CustomerId = table.Column<Guid>(type: "uuid", nullable: false),
                    Market = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    Status = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Reasons = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    OpenedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    FlaggedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    LastContactedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    LastContactedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Contacts = table.Column<int>(type: "integer", nullable: false),
                    ResolvedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ResolvedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Resolution = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_commerce_difficulty_cases", x => x.Id);
                    table.ForeignKey(
                        name: "FK_commerce_difficulty_cases_commerce_customers_CustomerId",
                        column: x => x.CustomerId,
                        principalTable: "commerce_customers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "commerce_difficulty_disclosures",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CustomerId = table.Column<Guid>(type: "uuid", nullable: false),
                    Channel = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    DisclosedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_commerce_difficulty_disclosures", x => x.Id);
                    table.ForeignKey(
                        name: "FK_commerce_difficulty_disclosures_commerce_customers_Customer~",
                        column: x => x.CustomerId,
                        principalTable: "commerce_customers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "commerce_difficulty_notices",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CustomerId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Body = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    SentAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CaseId = table.Column<Guid>(type: "uuid", nullable: true),
                    PlanId = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_commerce_difficulty_notices", x => x.Id);
                    table.ForeignKey(
                        name: "FK_commerce_difficulty_notices_commerce_customers_CustomerId",
                        column: x => x.CustomerId,
                        principalTable: "commerce_customers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "fraud_cases",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Source = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    SourceKey = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    OrderId = table.Column<Guid>(type: "uuid", nullable: false),
                    CustomerId = table.Column<Guid>(type: "uuid", nullable: false),
                    DisputeId = table.Column<Guid>(type: "uuid", nullable: true),
                    Currency = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    AtStakeMinor = table.Column<long>(type: "bigint", nullable: false),
                    Summary = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    State = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    AssigneeId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true),
                    AssigneeName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    OpenedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    OpenedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Liability = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    DecisionNote = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    DecidedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    DecidedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    RecoveryDueMinor = table.Column<long>(type: "bigint", nullable: false),
                    RecoveredMinor = table.Column<long>(type: "bigint", nullable: false),
                    WrittenOffMinor = table.Column<long>(type: "bigint", nullable: false),
                    ClosedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_fraud_cases", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "fraud_rule_snoozes",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    RuleId = table.Column<Guid>(type: "uuid", nullable: false),
                    Subject = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Key = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Until = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Reason = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    By = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    At = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_fraud_rule_snoozes", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "fraud_rules",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    RuleId = table.Column<Guid>(type: "uuid", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Expression = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    Action = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Reason = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Status = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    DraftedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    DraftedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    SubmittedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    DecidedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    DecidedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    DecisionNote = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    DisabledBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    DisabledAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_fraud_rules", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "fraud_case_entries",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CaseId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Actor = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    At = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Text = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    AmountMinor = table.Column<long>(type: "bigint", nullable: true),
                    Link = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    FileName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    FileContentType = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    FileContent = table.Column<byte[]>(type: "bytea", nullable: true),
                    FileSizeBytes = table.Column<long>(type: "bigint", nullable: true),
                    FileSha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_fraud_case_entries", x => x.Id);
                    table.ForeignKey(
                        name: "FK_fraud_case_entries_fraud_cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "fraud_cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_commerce_difficulty_cases_CustomerId",
                table: "commerce_difficulty_cases",
                column: "CustomerId");

            migrationBuilder.CreateIndex(
                name: "IX_commerce_difficulty_cases_Status",
                table: "commerce_difficulty_cases",
                column: "Status");

            migrationBuilder.CreateIndex(
                name: "IX_commerce_difficulty_disclosures_CustomerId_DisclosedAt",
                table: "commerce_difficulty_disclosures",
                columns: new[] { "CustomerId", "DisclosedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_commerce_difficulty_notices_CustomerId",
                table: "commerce_difficulty_notices",
                column: "CustomerId");

            migrationBuilder.CreateIndex(
                name: "IX_commerce_difficulty_notices_PlanId_Kind",
                table: "commerce_difficulty_notices",
                columns: new[] { "PlanId", "Kind" });

            migrationBuilder.CreateIndex(
                name: "IX_fraud_case_entries_CaseId_At",
                table: "fraud_case_entries",
                columns: new[] { "CaseId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_fraud_cases_AssigneeId",
                table: "fraud_cases",
                column: "AssigneeId");

            migrationBuilder.CreateIndex(
                name: "IX_fraud_cases_OrderId",
                table: "fraud_cases",
                column: "OrderId");

            migrationBuilder.CreateIndex(
                name: "IX_fraud_cases_SourceKey",
                table: "fraud_cases",
                column: "SourceKey",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_fraud_cases_State_OpenedAt",
                table: "fraud_cases",
                columns: new[] { "State", "OpenedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_fraud_rule_snoozes_Subject_Key_Until",
                table: "fraud_rule_snoozes",
                columns: new[] { "Subject", "Key", "Until" });

            migrationBuilder.CreateIndex(
                name: "IX_fraud_rules_RuleId_Version",
                table: "fraud_rules",
                columns: new[] { "RuleId", "Version" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_fraud_rules_Status",
                table: "fraud_rules",
                column: "Status");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "commerce_difficulty_cases");

            migrationBuilder.DropTable(
                name: "commerce_difficulty_disclosures");

            migrationBuilder.DropTable(
                name: "commerce_difficulty_notices");

            migrationBuilder.DropTable(
                name: "fraud_case_entries");

            migrationBuilder.DropTable(
                name: "fraud_rule_snoozes");

            migrationBuilder.DropTable(
                name: "fraud_rules");

            migrationBuilder.DropTable(
                name: "fraud_cases");

            migrationBuilder.DropColumn(
                name: "StoreRefundedMinor",
                table: "disputes_disputes");
        }
    }
}
