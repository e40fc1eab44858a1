using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Exchange.Core.Data.Migrations.SqlServer
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
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    UserId = table.Column<string>(type: "nvarchar(450)", maxLength: 450, nullable: false),
                    Nonce = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "datetime2", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProofMembers", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ProofSnapshots",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    State = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    StartedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    TakenBy = table.Column<string>(type: "nvarchar(450)", maxLength: 450, nullable: true),
                    TakenAt = table.Column<DateTime>(type: "datetime2", nullable: true),
                    LedgerPosition = table.Column<long>(type: "bigint", nullable: false),
                    Users = table.Column<int>(type: "int", nullable: false),
                    OwingUsers = table.Column<int>(type: "int", nullable: false),
                    LeafCount = table.Column<long>(type: "bigint", nullable: false),
                    Depth = table.Column<int>(type: "int", nullable: false),
                    Root = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: true),
                    Manifest = table.Column<string>(type: "nvarchar(max)", nullable: true),
                    Signature = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: true),
                    PublicKey = table.Column<string>(type: "nvarchar(400)", maxLength: 400, nullable: true),
                    KeyFingerprint = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: true),
                    HubTotal = table.Column<long>(type: "bigint", nullable: true),
                    HotWallet = table.Column<long>(type: "bigint", nullable: true),
                    HubProblem = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: true),
                    Duration = table.Column<TimeSpan>(type: "time", nullable: true),
                    TreeKept = table.Column<bool>(type: "bit", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProofSnapshots", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ProofSnapshotParts",
                columns: table => new
                {
                    SnapshotId = table.Column<long>(type: "bigint", nullable: false),
                    Kind = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    Number = table.Column<int>(type: "int", nullable: false),
                    Data = table.Column<byte[]>(type: "varbinary(max)", nullable: false)
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
                    SnapshotId = table.Column<long>(type: "bigint", nullable: false),
                    Coin = table.Column<string>(type: "nvarchar(10)", maxLength: 10, nullable: false),
                    Decimals = table.Column<int>(type: "int", nullable: false),
                    Total = table.Column<long>(type: "bigint", nullable: false)
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
