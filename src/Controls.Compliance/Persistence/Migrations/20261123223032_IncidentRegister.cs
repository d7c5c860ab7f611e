using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Controls.Compliance.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class IncidentRegister : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Incidents",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    WorkspaceId = table.Column<int>(type: "INTEGER", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    Surfaces = table.Column<string>(type: "TEXT", nullable: false),
                    DataKinds = table.Column<string>(type: "TEXT", nullable: false),
                    Jurisdictions = table.Column<string>(type: "TEXT", nullable: false),
                    AwareAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    MaterialityDeterminedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    DeclaredBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    DeclaredAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    NotificationTableVersion = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    ClosedAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Incidents", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Incidents_Workspaces_WorkspaceId",
                        column: x => x.WorkspaceId,
                        principalTable: "Workspaces",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "IncidentNotifications",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    WorkspaceId = table.Column<int>(type: "INTEGER", nullable: false),
                    IncidentId = table.Column<int>(type: "INTEGER", nullable: false),
                    RegimeId = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false),
                    RegimeTitle = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    DeadlineId = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false),
                    Notify = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    Rule = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    Source = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    TimeZone = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false),
                    DueAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Provisional = table.Column<bool>(type: "INTEGER", nullable: false),
                    InternalTarget = table.Column<bool>(type: "INTEGER", nullable: false),
                    WaitingFor = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    DoneAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    DoneBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Reference = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_IncidentNotifications", x => x.Id);
                    table.ForeignKey(
                        name: "FK_IncidentNotifications_Incidents_IncidentId",
                        column: x => x.IncidentId,
                        principalTable: "Incidents",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_IncidentNotifications_IncidentId_RegimeId_DeadlineId",
                table: "IncidentNotifications",
                columns: new[] { "IncidentId", "RegimeId", "DeadlineId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_IncidentNotifications_WorkspaceId",
                table: "IncidentNotifications",
                column: "WorkspaceId");

            migrationBuilder.CreateIndex(
                name: "IX_Incidents_WorkspaceId",
                table: "Incidents",
                column: "WorkspaceId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "IncidentNotifications");

            migrationBuilder.DropTable(
                name: "Incidents");
        }
    }
}
