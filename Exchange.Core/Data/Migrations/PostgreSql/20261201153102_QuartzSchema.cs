using Exchange.Core.Jobs;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Exchange.Core.Data.Migrations.PostgreSql
{
    /// <summary>Quartz's clustered job store, from the script in the Quartz assembly.</summary>
    public partial class QuartzSchema : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            global::Exchange.Core.Jobs.QuartzSchema.Create(migrationBuilder, global::Exchange.Core.Jobs.QuartzSchema.PostgreSql);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            global::Exchange.Core.Jobs.QuartzSchema.Drop(migrationBuilder, global::Exchange.Core.Jobs.QuartzSchema.PostgreSql);
        }
    }
}
