using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Ombud.Platform.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class DisputeTimers : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "PriorityReviewSince",
                table: "disputes_disputes",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "RegulatoryDeadlineMissedAt",
                table: "disputes_disputes",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_disputes_disputes_FinalResponseBy_open",
                table: "disputes_disputes",
                column: "FinalResponseBy",
                filter: "\"State\" <> 'Closed'");

            migrationBuilder.CreateIndex(
                name: "IX_disputes_disputes_PriorityReviewSince",
                table: "disputes_disputes",
                column: "PriorityReviewSince",
                filter: "\"PriorityReviewSince\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_disputes_disputes_RegulatoryDeadlineMissedAt",
                table: "disputes_disputes",
                column: "RegulatoryDeadlineMissedAt",
                filter: "\"RegulatoryDeadlineMissedAt\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_disputes_disputes_State_AppealDeadline",
                table: "disputes_disputes",
                columns: new[] { "State", "AppealDeadline" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_disputes_disputes_FinalResponseBy_open",
                table: "disputes_disputes");

            migrationBuilder.DropIndex(
                name: "IX_disputes_disputes_PriorityReviewSince",
                table: "disputes_disputes");

            migrationBuilder.DropIndex(
                name: "IX_disputes_disputes_RegulatoryDeadlineMissedAt",
                table: "disputes_disputes");

            migrationBuilder.DropIndex(
                name: "IX_disputes_disputes_State_AppealDeadline",
                table: "disputes_disputes");

            migrationBuilder.DropColumn(
                name: "PriorityReviewSince",
                table: "disputes_disputes");

            migrationBuilder.DropColumn(
                name: "RegulatoryDeadlineMissedAt",
                table: "disputes_disputes");
        }
    }
}
