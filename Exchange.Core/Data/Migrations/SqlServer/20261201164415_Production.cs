using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Exchange.Core.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class Production : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Node",
                table: "JobRuns",
                type: "nvarchar(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "ScheduledAt",
                table: "JobRuns",
                type: "datetime2",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "JobLeases",
                columns: table => new
                {
                    Name = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    Holder = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    ExpiresAt = table.Column<DateTime>(type: "datetime2", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_JobLeases", x => x.Name);
                });

            migrationBuilder.CreateTable(
                name: "JobStates",
                columns: table => new
                {
                    Job = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    Paused = table.Column<bool>(type: "bit", nullable: false),
                    Failures = table.Column<int>(type: "int", nullable: false),
                    RetryAt = table.Column<DateTime>(type: "datetime2", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_JobStates", x => x.Job);
                });

            // Quartz's clustered job store, from the script in the Quartz assembly.
            global::Exchange.Core.Jobs.QuartzSchema.Create(migrationBuilder, global::Exchange.Core.Jobs.QuartzSchema.SqlServer);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            global::Exchange.Core.Jobs.QuartzSchema.Drop(migrationBuilder, global::Exchange.Core.Jobs.QuartzSchema.SqlServer);

            migrationBuilder.DropTable(
                name: "JobLeases");

            migrationBuilder.DropTable(
                name: "JobStates");

            migrationBuilder.DropColumn(
                name: "Node",
                table: "JobRuns");

            migrationBuilder.DropColumn(
                name: "ScheduledAt",
                table: "JobRuns");
        }
    }
}
