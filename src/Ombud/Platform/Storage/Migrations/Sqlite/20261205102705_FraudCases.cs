using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Ombud.Platform.Storage.Migrations.Sqlite
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
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Source = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    SourceKey = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false),
                    OrderId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CustomerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    DisputeId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Currency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    AtStakeMinor = table.Column<long>(type: "INTEGER", nullable: false),
                    Summary = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    AssigneeId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    AssigneeName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    OpenedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    OpenedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Liability = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    DecisionNote = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    DecidedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    DecidedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    RecoveryDueMinor = table.Column<long>(type: "INTEGER", nullable: false),
                    RecoveredMinor = table.Column<long>(type: "INTEGER", nullable: false),
                    WrittenOffMinor = table.Column<long>(type: "INTEGER", nullable: false),
                    ClosedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_fraud_cases", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "fraud_case_entries",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CaseId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Actor = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    AmountMinor = table.Column<long>(type: "INTEGER", nullable: true),
                    Link = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    FileName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    FileContentType = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    FileContent = table.Column<byte[]>(type: "BLOB", nullable: true),
                    FileSizeBytes = table.Column<long>(type: "INTEGER", nullable: true),
                    FileSha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true)
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
