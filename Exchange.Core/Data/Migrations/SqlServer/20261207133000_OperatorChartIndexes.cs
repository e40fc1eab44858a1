using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Exchange.Core.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class OperatorChartIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_LedgerEntries_Kind_CreatedAt",
                table: "LedgerEntries",
                columns: new[] { "Kind", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_JobRuns_Succeeded_StartedAt",
                table: "JobRuns",
                columns: new[] { "Succeeded", "StartedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_LedgerEntries_Kind_CreatedAt",
                table: "LedgerEntries");

            migrationBuilder.DropIndex(
                name: "IX_JobRuns_Succeeded_StartedAt",
                table: "JobRuns");
        }
    }
}
