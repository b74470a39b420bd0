using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Ombud.Platform.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class FraudLinks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "FirstActivityAt",
                table: "fraud_rings",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "LastActivityAt",
                table: "fraud_rings",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "WindowDays",
                table: "fraud_rings",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "InstrumentBin",
                table: "commerce_orders",
                type: "TEXT",
                maxLength: 8,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "InstrumentFingerprint",
                table: "commerce_orders",
                type: "TEXT",
                maxLength: 128,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "InstrumentKind",
                table: "commerce_orders",
                type: "TEXT",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "InstrumentLast4",
                table: "commerce_orders",
                type: "TEXT",
                maxLength: 4,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_commerce_orders_InstrumentFingerprint",
                table: "commerce_orders",
                column: "InstrumentFingerprint");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_commerce_orders_InstrumentFingerprint",
                table: "commerce_orders");

            migrationBuilder.DropColumn(
                name: "FirstActivityAt",
                table: "fraud_rings");

            migrationBuilder.DropColumn(
                name: "LastActivityAt",
                table: "fraud_rings");

            migrationBuilder.DropColumn(
                name: "WindowDays",
                table: "fraud_rings");

            migrationBuilder.DropColumn(
                name: "InstrumentBin",
                table: "commerce_orders");

            migrationBuilder.DropColumn(
                name: "InstrumentFingerprint",
                table: "commerce_orders");

            migrationBuilder.DropColumn(
                name: "InstrumentKind",
                table: "commerce_orders");

            migrationBuilder.DropColumn(
                name: "InstrumentLast4",
                table: "commerce_orders");
        }
    }
}
