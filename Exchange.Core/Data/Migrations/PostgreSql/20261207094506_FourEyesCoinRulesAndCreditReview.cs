using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Exchange.Core.Data.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class FourEyesCoinRulesAndCreditReview : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "RulesAfter_ApprovalThreshold",
                table: "OperatorRequests",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "RulesAfter_DailyWithdrawalLimit",
                table: "OperatorRequests",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "RulesAfter_FourEyesAbove",
                table: "OperatorRequests",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<decimal>(
                name: "RulesAfter_UsdPrice",
                table: "OperatorRequests",
                type: "numeric(18,8)",
                precision: 18,
                scale: 8,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "RulesAfter_WithdrawalMinimum",
                table: "OperatorRequests",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "RulesBefore_ApprovalThreshold",
                table: "OperatorRequests",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "RulesBefore_DailyWithdrawalLimit",
                table: "OperatorRequests",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "RulesBefore_FourEyesAbove",
                table: "OperatorRequests",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<decimal>(
                name: "RulesBefore_UsdPrice",
                table: "OperatorRequests",
                type: "numeric(18,8)",
                precision: 18,
                scale: 8,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "RulesBefore_WithdrawalMinimum",
                table: "OperatorRequests",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "FourEyesAbove",
                table: "Coins",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.UpdateData(
                table: "Coins",
                keyColumn: "Symbol",
                keyValue: "BTC",
                column: "FourEyesAbove",
                value: 10000000L);

            migrationBuilder.UpdateData(
                table: "Coins",
                keyColumn: "Symbol",
                keyValue: "MIOTA",
                column: "FourEyesAbove",
                value: 4000000000L);

            migrationBuilder.CreateIndex(
                name: "IX_OperatorRequests_UserId",
                table: "OperatorRequests",
                column: "UserId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_OperatorRequests_UserId",
                table: "OperatorRequests");

            migrationBuilder.DropColumn(
                name: "RulesAfter_ApprovalThreshold",
                table: "OperatorRequests");

            migrationBuilder.DropColumn(
                name: "RulesAfter_DailyWithdrawalLimit",
                table: "OperatorRequests");

            migrationBuilder.DropColumn(
                name: "RulesAfter_FourEyesAbove",
                table: "OperatorRequests");

            migrationBuilder.DropColumn(
                name: "RulesAfter_UsdPrice",
                table: "OperatorRequests");

            migrationBuilder.DropColumn(
                name: "RulesAfter_WithdrawalMinimum",
                table: "OperatorRequests");

            migrationBuilder.DropColumn(
                name: "RulesBefore_ApprovalThreshold",
                table: "OperatorRequests");

            migrationBuilder.DropColumn(
                name: "RulesBefore_DailyWithdrawalLimit",
                table: "OperatorRequests");

            migrationBuilder.DropColumn(
                name: "RulesBefore_FourEyesAbove",
                table: "OperatorRequests");

            migrationBuilder.DropColumn(
                name: "RulesBefore_UsdPrice",
                table: "OperatorRequests");

            migrationBuilder.DropColumn(
                name: "RulesBefore_WithdrawalMinimum",
                table: "OperatorRequests");

            migrationBuilder.DropColumn(
                name: "FourEyesAbove",
                table: "Coins");
        }
    }
}
