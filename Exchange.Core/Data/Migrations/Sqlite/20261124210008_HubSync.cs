using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Exchange.Core.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class HubSync : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "HubEventKey",
                table: "Deposits",
                type: "TEXT",
                maxLength: 300,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "HotWalletBatches",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    State = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ResolvedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Total = table.Column<long>(type: "INTEGER", nullable: false),
                    Users = table.Column<int>(type: "INTEGER", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    TransfersJson = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_HotWalletBatches", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "HubAccounts",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    UserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    HubUserId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CreditedByHub = table.Column<long>(type: "INTEGER", nullable: false),
                    MovedToHotWallet = table.Column<long>(type: "INTEGER", nullable: false),
                    BatchesApplied = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_HubAccounts", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "HubCursors",
                columns: table => new
                {
                    Name = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Timestamp = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_HubCursors", x => x.Name);
                });

            migrationBuilder.CreateTable(
                name: "UnrecognisedHubEvents",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    EventKey = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    HubUserId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Amount = table.Column<long>(type: "INTEGER", nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    SeenAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_UnrecognisedHubEvents", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Deposits_HubEventKey",
                table: "Deposits",
                column: "HubEventKey",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_HotWalletBatches_State_Id",
                table: "HotWalletBatches",
                columns: new[] { "State", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_HubAccounts_HubUserId",
                table: "HubAccounts",
                column: "HubUserId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_HubAccounts_UserId",
                table: "HubAccounts",
                column: "UserId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_UnrecognisedHubEvents_EventKey",
                table: "UnrecognisedHubEvents",
                column: "EventKey",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "HotWalletBatches");

            migrationBuilder.DropTable(
                name: "HubAccounts");

            migrationBuilder.DropTable(
                name: "HubCursors");

            migrationBuilder.DropTable(
                name: "UnrecognisedHubEvents");

            migrationBuilder.DropIndex(
                name: "IX_Deposits_HubEventKey",
                table: "Deposits");

            migrationBuilder.DropColumn(
                name: "HubEventKey",
                table: "Deposits");
        }
    }
}
