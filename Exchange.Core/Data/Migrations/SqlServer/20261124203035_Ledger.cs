using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Exchange.Core.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class Ledger : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "ApprovalThreshold",
                table: "Coins",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "DailyWithdrawalLimit",
                table: "Coins",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<string>(
                name: "DemoDepositAddress",
                table: "Coins",
                type: "nvarchar(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "MaxSupply",
                table: "Coins",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "WithdrawalMinimum",
                table: "Coins",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<bool>(
                name: "WithdrawalsEnabled",
                table: "Coins",
                type: "bit",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "Accounts",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    UserId = table.Column<string>(type: "nvarchar(450)", maxLength: 450, nullable: false),
                    Coin = table.Column<string>(type: "nvarchar(10)", maxLength: 10, nullable: false),
                    Available = table.Column<long>(type: "bigint", nullable: false),
                    Reserved = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Accounts", x => x.Id);
                    table.CheckConstraint("CK_Accounts_Available_NotNegative", "Available >= 0");
                    table.CheckConstraint("CK_Accounts_Reserved_NotNegative", "Reserved >= 0");
                });

            migrationBuilder.CreateTable(
                name: "DepositAddresses",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    UserId = table.Column<string>(type: "nvarchar(450)", maxLength: 450, nullable: false),
                    Coin = table.Column<string>(type: "nvarchar(10)", maxLength: 10, nullable: false),
                    Address = table.Column<string>(type: "nchar(90)", fixedLength: true, maxLength: 90, nullable: false),
                    IssuedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    FirstSeenAt = table.Column<DateTime>(type: "datetime2", nullable: true),
                    SweptAt = table.Column<DateTime>(type: "datetime2", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DepositAddresses", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Withdrawals",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    UserId = table.Column<string>(type: "nvarchar(450)", maxLength: 450, nullable: false),
                    Coin = table.Column<string>(type: "nvarchar(10)", maxLength: 10, nullable: false),
                    Amount = table.Column<long>(type: "bigint", nullable: false),
                    Address = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    State = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    RequestedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    ApprovedBy = table.Column<string>(type: "nvarchar(450)", maxLength: 450, nullable: true),
                    HubUuid = table.Column<string>(type: "nvarchar(36)", maxLength: 36, nullable: true),
                    SweepBundleHash = table.Column<string>(type: "nvarchar(81)", maxLength: 81, nullable: true),
                    Reason = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: true),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Withdrawals", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "LedgerEntries",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    AccountId = table.Column<long>(type: "bigint", nullable: false),
                    UserId = table.Column<string>(type: "nvarchar(450)", maxLength: 450, nullable: false),
                    Coin = table.Column<string>(type: "nvarchar(10)", maxLength: 10, nullable: false),
                    Kind = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: false),
                    AvailableChange = table.Column<long>(type: "bigint", nullable: false),
                    ReservedChange = table.Column<long>(type: "bigint", nullable: false),
                    AvailableAfter = table.Column<long>(type: "bigint", nullable: false),
                    ReservedAfter = table.Column<long>(type: "bigint", nullable: false),
                    Cause = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    OperatorId = table.Column<string>(type: "nvarchar(450)", maxLength: 450, nullable: true),
                    Reason = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: true),
                    Reference = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    IdempotencyKey = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "datetime2", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LedgerEntries", x => x.Id);
                    table.ForeignKey(
                        name: "FK_LedgerEntries_Accounts_AccountId",
                        column: x => x.AccountId,
                        principalTable: "Accounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Deposits",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    UserId = table.Column<string>(type: "nvarchar(450)", maxLength: 450, nullable: false),
                    Coin = table.Column<string>(type: "nvarchar(10)", maxLength: 10, nullable: false),
                    DepositAddressId = table.Column<long>(type: "bigint", nullable: true),
                    Amount = table.Column<long>(type: "bigint", nullable: false),
                    State = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    TailHash = table.Column<string>(type: "nvarchar(81)", maxLength: 81, nullable: true),
                    SweepBundleHash = table.Column<string>(type: "nvarchar(81)", maxLength: 81, nullable: true),
                    SeenAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    CreditedAt = table.Column<DateTime>(type: "datetime2", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Deposits", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Deposits_DepositAddresses_DepositAddressId",
                        column: x => x.DepositAddressId,
                        principalTable: "DepositAddresses",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.UpdateData(
                table: "Coins",
                keyColumn: "Symbol",
                keyValue: "BTC",
                columns: new[] { "ApprovalThreshold", "DailyWithdrawalLimit", "DemoDepositAddress", "MaxSupply", "WithdrawalMinimum", "WithdrawalsEnabled" },
                values: new object[] { 10000000L, 100000000L, "1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2", 2100000000000000L, 10000L, false });

            migrationBuilder.UpdateData(
                table: "Coins",
                keyColumn: "Symbol",
                keyValue: "MIOTA",
                columns: new[] { "ApprovalThreshold", "DailyWithdrawalLimit", "DemoDepositAddress", "MaxSupply", "WithdrawalMinimum", "WithdrawalsEnabled" },
                values: new object[] { 100000000L, 1000000000L, null, 2779530283277761L, 1000L, true });

            migrationBuilder.CreateIndex(
                name: "IX_Accounts_UserId_Coin",
                table: "Accounts",
                columns: new[] { "UserId", "Coin" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_DepositAddresses_Address",
                table: "DepositAddresses",
                column: "Address",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_DepositAddresses_UserId_Coin_Id",
                table: "DepositAddresses",
                columns: new[] { "UserId", "Coin", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Deposits_DepositAddressId",
                table: "Deposits",
                column: "DepositAddressId");

            migrationBuilder.CreateIndex(
                name: "IX_Deposits_UserId_Id",
                table: "Deposits",
                columns: new[] { "UserId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_LedgerEntries_AccountId",
                table: "LedgerEntries",
                column: "AccountId");

            migrationBuilder.CreateIndex(
                name: "IX_LedgerEntries_IdempotencyKey",
                table: "LedgerEntries",
                column: "IdempotencyKey",
                unique: true,
                filter: "[IdempotencyKey] IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_LedgerEntries_UserId_Id",
                table: "LedgerEntries",
                columns: new[] { "UserId", "Id" },
                descending: new[] { false, true });

            migrationBuilder.CreateIndex(
                name: "IX_Withdrawals_HubUuid",
                table: "Withdrawals",
                column: "HubUuid",
                unique: true,
                filter: "[HubUuid] IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Withdrawals_State_Id",
                table: "Withdrawals",
                columns: new[] { "State", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Withdrawals_UserId_Id",
                table: "Withdrawals",
                columns: new[] { "UserId", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Deposits");

            migrationBuilder.DropTable(
                name: "LedgerEntries");

            migrationBuilder.DropTable(
                name: "Withdrawals");

            migrationBuilder.DropTable(
                name: "DepositAddresses");

            migrationBuilder.DropTable(
                name: "Accounts");

            migrationBuilder.DropColumn(
                name: "ApprovalThreshold",
                table: "Coins");

            migrationBuilder.DropColumn(
                name: "DailyWithdrawalLimit",
                table: "Coins");

            migrationBuilder.DropColumn(
                name: "DemoDepositAddress",
                table: "Coins");

            migrationBuilder.DropColumn(
                name: "MaxSupply",
                table: "Coins");

            migrationBuilder.DropColumn(
                name: "WithdrawalMinimum",
                table: "Coins");

            migrationBuilder.DropColumn(
                name: "WithdrawalsEnabled",
                table: "Coins");
        }
    }
}
