using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Ombud.Platform.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Collection : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "CollectionWithdrawnAt",
                table: "commerce_payment_plans",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "HandedToCollectionAt",
                table: "commerce_payment_plans",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "ClosedAt",
                table: "commerce_difficulty_notices",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Outcome",
                table: "commerce_difficulty_notices",
                type: "character varying(500)",
                maxLength: 500,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "CollectionWithdrawnAt",
                table: "commerce_payment_plans");

            migrationBuilder.DropColumn(
                name: "HandedToCollectionAt",
                table: "commerce_payment_plans");

            migrationBuilder.DropColumn(
                name: "ClosedAt",
                table: "commerce_difficulty_notices");

            migrationBuilder.DropColumn(
                name: "Outcome",
                table: "commerce_difficulty_notices");
        }
    }
}
