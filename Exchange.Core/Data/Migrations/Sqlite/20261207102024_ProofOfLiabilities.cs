using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Exchange.Core.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ProofOfLiabilities : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ProofMembers",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    UserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    Nonce = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProofMembers", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ProofSnapshots",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    State = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    StartedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    TakenBy = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    TakenAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    LedgerPosition = table.Column<long>(type: "INTEGER", nullable: false),
                    Users = table.Column<int>(type: "INTEGER", nullable: false),
                    OwingUsers = table.Column<int>(type: "INTEGER", nullable: false),
                    LeafCount = table.Column<long>(type: "INTEGER", nullable: false),
                    Depth = table.Column<int>(type: "INTEGER", nullable: false),
                    Root = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    Manifest = table.Column<string>(type: "TEXT", nullable: true),
                    Signature = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    PublicKey = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true),
                    KeyFingerprint = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    HubTotal = table.Column<long>(type: "INTEGER", nullable: true),
                    HotWallet = table.Column<long>(type: "INTEGER", nullable: true),
                    HubProblem = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    Duration = table.Column<TimeSpan>(type: "TEXT", nullable: true),
                    TreeKept = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProofSnapshots", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ProofSnapshotParts",
                columns: table => new
                {
                    SnapshotId = table.Column<long>(type: "INTEGER", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Number = table.Column<int>(type: "INTEGER", nullable: false),
                    Data = table.Column<byte[]>(type: "BLOB", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProofSnapshotParts", x => new { x.SnapshotId, x.Kind, x.Number });
                    table.ForeignKey(
                        name: "FK_ProofSnapshotParts_ProofSnapshots_SnapshotId",
                        column: x => x.SnapshotId,
                        principalTable: "ProofSnapshots",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ProofSnapshotTotals",
                columns: table => new
                {
                    SnapshotId = table.Column<long>(type: "INTEGER", nullable: false),
                    Coin = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    Decimals = table.Column<int>(type: "INTEGER", nullable: false),
                    Total = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProofSnapshotTotals", x => new { x.SnapshotId, x.Coin });
                    table.ForeignKey(
                        name: "FK_ProofSnapshotTotals_ProofSnapshots_SnapshotId",
                        column: x => x.SnapshotId,
                        principalTable: "ProofSnapshots",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ProofMembers_UserId",
                table: "ProofMembers",
                column: "UserId",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ProofMembers");

            migrationBuilder.DropTable(
                name: "ProofSnapshotParts");

            migrationBuilder.DropTable(
                name: "ProofSnapshotTotals");

            migrationBuilder.DropTable(
                name: "ProofSnapshots");
        }
    }
}
