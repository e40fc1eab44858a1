using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Exchange.Core.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class Jobs : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Address81",
                table: "DepositAddresses",
                type: "nchar(81)",
                fixedLength: true,
                maxLength: 81,
                nullable: false,
                defaultValue: "");

            // Addresses issued before the column existed get their 81 trytes from the stored 90.
            migrationBuilder.Sql("UPDATE DepositAddresses SET Address81 = LEFT(Address, 81)");

            migrationBuilder.CreateTable(
                name: "HubSweeps",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    BundleHash = table.Column<string>(type: "nvarchar(81)", maxLength: 81, nullable: false),
                    HubTimestamp = table.Column<long>(type: "bigint", nullable: false),
                    WithdrawalUuids = table.Column<string>(type: "nvarchar(4000)", maxLength: 4000, nullable: false),
                    Confirmed = table.Column<bool>(type: "bit", nullable: false),
                    Tails = table.Column<int>(type: "int", nullable: false),
                    Transactions = table.Column<int>(type: "int", nullable: false),
                    SeenAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    CheckedAt = table.Column<DateTime>(type: "datetime2", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_HubSweeps", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "JobRuns",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    Job = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    StartedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    FinishedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    Succeeded = table.Column<bool>(type: "bit", nullable: false),
                    Summary = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: false),
                    Error = table.Column<string>(type: "nvarchar(2000)", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_JobRuns", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_DepositAddresses_Address81",
                table: "DepositAddresses",
                column: "Address81",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_HubSweeps_BundleHash",
                table: "HubSweeps",
                column: "BundleHash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_HubSweeps_Confirmed_CheckedAt",
                table: "HubSweeps",
                columns: new[] { "Confirmed", "CheckedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_HubSweeps_HubTimestamp",
                table: "HubSweeps",
                column: "HubTimestamp");

            migrationBuilder.CreateIndex(
                name: "IX_JobRuns_Job_Id",
                table: "JobRuns",
                columns: new[] { "Job", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "HubSweeps");

            migrationBuilder.DropTable(
                name: "JobRuns");

            migrationBuilder.DropIndex(
                name: "IX_DepositAddresses_Address81",
                table: "DepositAddresses");

            migrationBuilder.DropColumn(
                name: "Address81",
                table: "DepositAddresses");
        }
    }
}
