using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Exchange.Core.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class WithdrawalSecurity : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "RequestKey",
                table: "Withdrawals",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "SecurityChangedAt",
                table: "AspNetUsers",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "WithdrawalRequestLocks",
                columns: table => new
                {
                    UserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    Requests = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WithdrawalRequestLocks", x => x.UserId);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Withdrawals_UserId_RequestKey",
                table: "Withdrawals",
                columns: new[] { "UserId", "RequestKey" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "WithdrawalRequestLocks");

            migrationBuilder.DropIndex(
                name: "IX_Withdrawals_UserId_RequestKey",
                table: "Withdrawals");

            migrationBuilder.DropColumn(
                name: "RequestKey",
                table: "Withdrawals");

            migrationBuilder.DropColumn(
                name: "SecurityChangedAt",
                table: "AspNetUsers");
        }
    }
}
