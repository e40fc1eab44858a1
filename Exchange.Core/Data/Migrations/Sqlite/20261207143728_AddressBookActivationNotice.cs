using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Exchange.Core.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AddressBookActivationNotice : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "ActivationAnnouncedAt",
                table: "AddressBookEntries",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_AddressBookEntries_ActivationAnnouncedAt_ActiveFrom",
                table: "AddressBookEntries",
                columns: new[] { "ActivationAnnouncedAt", "ActiveFrom" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_AddressBookEntries_ActivationAnnouncedAt_ActiveFrom",
                table: "AddressBookEntries");

            migrationBuilder.DropColumn(
                name: "ActivationAnnouncedAt",
                table: "AddressBookEntries");
        }
    }
}
