using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Controls.Compliance.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class InitialCreate : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Attestations",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    WorkspaceId = table.Column<int>(type: "INTEGER", nullable: false),
                    CheckId = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Owner = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    UploadedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    UploadedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ValidUntil = table.Column<DateTime>(type: "TEXT", nullable: false),
                    FileName = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    ContentType = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    FileSha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    EvidenceRecordId = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Attestations", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "CheckEvaluations",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    WorkspaceId = table.Column<int>(type: "INTEGER", nullable: false),
                    CheckId = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    SystemId = table.Column<int>(type: "INTEGER", nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Summary = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    EvaluatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ConfirmedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    RunId = table.Column<long>(type: "INTEGER", nullable: true),
                    EvidenceCollectedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Fingerprint = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    IsCurrent = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CheckEvaluations", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "CheckRequirements",
                columns: table => new
                {
                    CheckId = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    FrameworkId = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    RequirementId = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CheckRequirements", x => new { x.CheckId, x.FrameworkId, x.RequirementId });
                });

            migrationBuilder.CreateTable(
                name: "Checks",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    Title = table.Column<string>(type: "TEXT", nullable: false),
                    Type = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Measures = table.Column<string>(type: "TEXT", nullable: false),
                    Rationale = table.Column<string>(type: "TEXT", nullable: false),
                    SystemKinds = table.Column<string>(type: "TEXT", nullable: false),
                    Surfaces = table.Column<string>(type: "TEXT", nullable: false),
                    PrimarySurface = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Remediation = table.Column<string>(type: "TEXT", nullable: false),
                    HoursLow = table.Column<double>(type: "REAL", nullable: false),
                    HoursHigh = table.Column<double>(type: "REAL", nullable: false),
                    UpkeepHoursPerYear = table.Column<double>(type: "REAL", nullable: false),
                    TrainingModule = table.Column<string>(type: "TEXT", nullable: true),
                    FreshnessHours = table.Column<double>(type: "REAL", nullable: false),
                    AttestationEvidence = table.Column<string>(type: "TEXT", nullable: true),
                    AttestationOwnerRole = table.Column<string>(type: "TEXT", nullable: true),
                    ParametersJson = table.Column<string>(type: "TEXT", nullable: false),
                    IsActive = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Checks", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "EvidenceContents",
                columns: table => new
                {
                    WorkspaceId = table.Column<int>(type: "INTEGER", nullable: false),
                    Sha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Json = table.Column<string>(type: "TEXT", nullable: false),
                    Length = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EvidenceContents", x => new { x.WorkspaceId, x.Sha256 });
                });

            migrationBuilder.CreateTable(
                name: "Exclusions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    WorkspaceId = table.Column<int>(type: "INTEGER", nullable: false),
                    CheckId = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    SystemId = table.Column<int>(type: "INTEGER", nullable: true),
                    Justification = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    ExcludedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ExcludedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Exclusions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Frameworks",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Name = table.Column<string>(type: "TEXT", nullable: false),
                    Version = table.Column<string>(type: "TEXT", nullable: false),
                    IsActive = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Frameworks", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Gaps",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    WorkspaceId = table.Column<int>(type: "INTEGER", nullable: false),
                    CheckId = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    CheckTitle = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    SystemId = table.Column<int>(type: "INTEGER", nullable: true),
                    SystemName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Surface = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Surfaces = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    Remediation = table.Column<string>(type: "TEXT", nullable: false),
                    HoursLow = table.Column<double>(type: "REAL", nullable: false),
                    HoursHigh = table.Column<double>(type: "REAL", nullable: false),
                    CostLow = table.Column<double>(type: "REAL", nullable: false),
                    CostHigh = table.Column<double>(type: "REAL", nullable: false),
                    FindingCount = table.Column<int>(type: "INTEGER", nullable: false),
                    Requirements = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    OpenSince = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Gaps", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ParameterOverrides",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    WorkspaceId = table.Column<int>(type: "INTEGER", nullable: false),
                    CheckId = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    ValueJson = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ParameterOverrides", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "RequirementMappings",
                columns: table => new
                {
                    FrameworkId = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    RequirementId = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    TargetFrameworkId = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    TargetRequirementId = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Relationship = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RequirementMappings", x => new { x.FrameworkId, x.RequirementId, x.TargetFrameworkId, x.TargetRequirementId });
                });

            migrationBuilder.CreateTable(
                name: "RequirementStatuses",
                columns: table => new
                {
                    WorkspaceId = table.Column<int>(type: "INTEGER", nullable: false),
                    FrameworkId = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    RequirementId = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    PassCount = table.Column<int>(type: "INTEGER", nullable: false),
                    FailCount = table.Column<int>(type: "INTEGER", nullable: false),
                    ErrorCount = table.Column<int>(type: "INTEGER", nullable: false),
                    StaleCount = table.Column<int>(type: "INTEGER", nullable: false),
                    NeedsEvidenceCount = table.Column<int>(type: "INTEGER", nullable: false),
                    NotApplicableCount = table.Column<int>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RequirementStatuses", x => new { x.WorkspaceId, x.FrameworkId, x.RequirementId });
                });

            migrationBuilder.CreateTable(
                name: "TrainingModules",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false),
                    Title = table.Column<string>(type: "TEXT", nullable: false),
                    Description = table.Column<string>(type: "TEXT", nullable: false),
                    Roles = table.Column<string>(type: "TEXT", nullable: false),
                    Surfaces = table.Column<string>(type: "TEXT", nullable: false),
                    RefreshDays = table.Column<double>(type: "REAL", nullable: false),
                    JoinerGraceDays = table.Column<double>(type: "REAL", nullable: false),
                    IsActive = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TrainingModules", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Workspaces",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Slug = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    IsDemo = table.Column<bool>(type: "INTEGER", nullable: false),
                    HourlyRate = table.Column<double>(type: "REAL", nullable: false),
                    Currency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Workspaces", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Findings",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    WorkspaceId = table.Column<int>(type: "INTEGER", nullable: false),
                    EvaluationId = table.Column<long>(type: "INTEGER", nullable: false),
                    CheckId = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    SystemId = table.Column<int>(type: "INTEGER", nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Resource = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    Message = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    DetectedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Findings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Findings_CheckEvaluations_EvaluationId",
                        column: x => x.EvaluationId,
                        principalTable: "CheckEvaluations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Requirements",
                columns: table => new
                {
                    FrameworkId = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Id = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Name = table.Column<string>(type: "TEXT", nullable: false),
                    Group = table.Column<string>(type: "TEXT", nullable: false),
                    Description = table.Column<string>(type: "TEXT", nullable: false),
                    PointsOfFocus = table.Column<string>(type: "TEXT", nullable: true),
                    IsActive = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Requirements", x => new { x.FrameworkId, x.Id });
                    table.ForeignKey(
                        name: "FK_Requirements_Frameworks_FrameworkId",
                        column: x => x.FrameworkId,
                        principalTable: "Frameworks",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Systems",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    WorkspaceId = table.Column<int>(type: "INTEGER", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    DisplayName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    BaseUrl = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    CredentialName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Schedule = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    Enabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Systems", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Systems_Workspaces_WorkspaceId",
                        column: x => x.WorkspaceId,
                        principalTable: "Workspaces",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "CollectionRuns",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    WorkspaceId = table.Column<int>(type: "INTEGER", nullable: false),
                    SystemId = table.Column<int>(type: "INTEGER", nullable: false),
                    Trigger = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    StartedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    FinishedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    Error = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    RequestCount = table.Column<int>(type: "INTEGER", nullable: false),
                    NotModifiedCount = table.Column<int>(type: "INTEGER", nullable: false),
                    EvidenceCount = table.Column<int>(type: "INTEGER", nullable: false),
                    NewContentCount = table.Column<int>(type: "INTEGER", nullable: false),
                    CollectionErrorCount = table.Column<int>(type: "INTEGER", nullable: false),
                    HeadSequence = table.Column<long>(type: "INTEGER", nullable: true),
                    HeadHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CollectionRuns", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CollectionRuns_Systems_SystemId",
                        column: x => x.SystemId,
                        principalTable: "Systems",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "EvidenceRecords",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    WorkspaceId = table.Column<int>(type: "INTEGER", nullable: false),
                    SystemId = table.Column<int>(type: "INTEGER", nullable: false),
                    RunId = table.Column<long>(type: "INTEGER", nullable: false),
                    Sequence = table.Column<long>(type: "INTEGER", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Subject = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    CollectedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ContentSha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    PreviousHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ChainHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EvidenceRecords", x => x.Id);
                    table.ForeignKey(
                        name: "FK_EvidenceRecords_CollectionRuns_RunId",
                        column: x => x.RunId,
                        principalTable: "CollectionRuns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_EvidenceRecords_Systems_SystemId",
                        column: x => x.SystemId,
                        principalTable: "Systems",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Attestations_WorkspaceId",
                table: "Attestations",
                column: "WorkspaceId");

            migrationBuilder.CreateIndex(
                name: "IX_Attestations_WorkspaceId_CheckId_ValidUntil",
                table: "Attestations",
                columns: new[] { "WorkspaceId", "CheckId", "ValidUntil" });

            migrationBuilder.CreateIndex(
                name: "IX_CheckEvaluations_CheckId_SystemId_EvaluatedAt",
                table: "CheckEvaluations",
                columns: new[] { "CheckId", "SystemId", "EvaluatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_CheckEvaluations_WorkspaceId",
                table: "CheckEvaluations",
                column: "WorkspaceId");

            migrationBuilder.CreateIndex(
                name: "IX_CheckEvaluations_WorkspaceId_IsCurrent_CheckId",
                table: "CheckEvaluations",
                columns: new[] { "WorkspaceId", "IsCurrent", "CheckId" });

            migrationBuilder.CreateIndex(
                name: "IX_CollectionRuns_SystemId_StartedAt",
                table: "CollectionRuns",
                columns: new[] { "SystemId", "StartedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_CollectionRuns_WorkspaceId",
                table: "CollectionRuns",
                column: "WorkspaceId");

            migrationBuilder.CreateIndex(
                name: "IX_EvidenceContents_WorkspaceId",
                table: "EvidenceContents",
                column: "WorkspaceId");

            migrationBuilder.CreateIndex(
                name: "IX_EvidenceRecords_RunId_Kind",
                table: "EvidenceRecords",
                columns: new[] { "RunId", "Kind" });

            migrationBuilder.CreateIndex(
                name: "IX_EvidenceRecords_SystemId_Sequence",
                table: "EvidenceRecords",
                columns: new[] { "SystemId", "Sequence" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_EvidenceRecords_WorkspaceId",
                table: "EvidenceRecords",
                column: "WorkspaceId");

            migrationBuilder.CreateIndex(
                name: "IX_Exclusions_WorkspaceId",
                table: "Exclusions",
                column: "WorkspaceId");

            migrationBuilder.CreateIndex(
                name: "IX_Findings_EvaluationId",
                table: "Findings",
                column: "EvaluationId");

            migrationBuilder.CreateIndex(
                name: "IX_Findings_WorkspaceId",
                table: "Findings",
                column: "WorkspaceId");

            migrationBuilder.CreateIndex(
                name: "IX_Gaps_WorkspaceId",
                table: "Gaps",
                column: "WorkspaceId");

            migrationBuilder.CreateIndex(
                name: "IX_ParameterOverrides_WorkspaceId",
                table: "ParameterOverrides",
                column: "WorkspaceId");

            migrationBuilder.CreateIndex(
                name: "IX_ParameterOverrides_WorkspaceId_CheckId_Name",
                table: "ParameterOverrides",
                columns: new[] { "WorkspaceId", "CheckId", "Name" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_RequirementStatuses_WorkspaceId",
                table: "RequirementStatuses",
                column: "WorkspaceId");

            migrationBuilder.CreateIndex(
                name: "IX_Systems_WorkspaceId",
                table: "Systems",
                column: "WorkspaceId");

            migrationBuilder.CreateIndex(
                name: "IX_Systems_WorkspaceId_Kind_Name",
                table: "Systems",
                columns: new[] { "WorkspaceId", "Kind", "Name" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Workspaces_Slug",
                table: "Workspaces",
                column: "Slug",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Attestations");

            migrationBuilder.DropTable(
                name: "CheckRequirements");

            migrationBuilder.DropTable(
                name: "Checks");

            migrationBuilder.DropTable(
                name: "EvidenceContents");

            migrationBuilder.DropTable(
                name: "EvidenceRecords");

            migrationBuilder.DropTable(
                name: "Exclusions");

            migrationBuilder.DropTable(
                name: "Findings");

            migrationBuilder.DropTable(
                name: "Gaps");

            migrationBuilder.DropTable(
                name: "ParameterOverrides");

            migrationBuilder.DropTable(
                name: "RequirementMappings");

            migrationBuilder.DropTable(
                name: "RequirementStatuses");

            migrationBuilder.DropTable(
                name: "Requirements");

            migrationBuilder.DropTable(
                name: "TrainingModules");

            migrationBuilder.DropTable(
                name: "CollectionRuns");

            migrationBuilder.DropTable(
                name: "CheckEvaluations");

            migrationBuilder.DropTable(
                name: "Frameworks");

            migrationBuilder.DropTable(
                name: "Systems");

            migrationBuilder.DropTable(
                name: "Workspaces");
        }
    }
}
