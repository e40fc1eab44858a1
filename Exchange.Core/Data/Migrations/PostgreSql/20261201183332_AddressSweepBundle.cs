using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Exchange.Core.Data.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class AddressSweepBundle : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "SweepBundleHash",
                table: "DepositAddresses",
                type: "character varying(81)",
                maxLength: 81,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "SweptAmount",
                table: "DepositAddresses",
                type: "bigint",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "SweepBundleHash",
                table: "DepositAddresses");

            migrationBuilder.DropColumn(
                name: "SweptAmount",
                table: "DepositAddresses");
        }
    }
}
