using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Ombud.Platform.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class FraudCases : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
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
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "fraud_case_entries");

            migrationBuilder.DropTable(
                name: "fraud_cases");
        }
    }
}
