using System.Xml;
using Controls.Compliance.Notifications;
using Newtonsoft.Json.Linq;
using NJsonSchema;
using NJsonSchema.Validation;

namespace Controls.Compliance.Catalog;

/// <summary>
/// Loads control-catalog/: every YAML file is validated against its JSON Schema (by folder: frameworks/, checks/,
/// training/, and the optional notifications/ and readiness/), then the whole catalog is checked for cross-file consistency. All errors are collected and
/// reported together, each naming file, line and what is wrong.
/// </summary>
public static class CatalogLoader
{
    private static readonly string[] KnownFolders = ["frameworks", "checks", "training", "notifications", "readiness"];

    /// <summary>Folders a catalog may leave out (a test catalog without breach-notification clocks is still a catalog).</summary>
    private static readonly string[] OptionalFolders = ["notifications", "readiness"];

    public static ControlCatalog Load(string catalogDirectory)
    {
        if (!Directory.Exists(catalogDirectory))
        {
            throw new CatalogValidationException([new CatalogError(catalogDirectory, 0, 0, "catalog directory not found")]);
        }

        var errors = new List<CatalogError>();
        var documents = new Dictionary<string, List<YamlDocument>>(StringComparer.Ordinal);
        foreach (var folder in KnownFolders)
        {
            var schema = LoadSchema(catalogDirectory, folder, errors);
            var parsed = new List<YamlDocument>();
            documents[folder] = parsed;
            var folderPath = Path.Combine(catalogDirectory, folder);
            var files = Directory.Exists(folderPath)
                ? Directory.EnumerateFiles(folderPath, "*.y*ml").Order(StringComparer.Ordinal).ToList()
                : [];
            if (files.Count == 0 && !OptionalFolders.Contains(folder))
            {
                errors.Add(new CatalogError($"{folder}/", 0, 0, "no catalog files found (expected at least one .yaml file)"));
            }

            foreach (var file in files)
            {
                var relative = Path.GetRelativePath(Path.GetDirectoryName(catalogDirectory.TrimEnd(Path.DirectorySeparatorChar)) ?? catalogDirectory, file);
                var before = errors.Count;
                var document = YamlDocument.Parse(relative, File.ReadAllText(file), errors);
                if (errors.Count > before)
                {
                    continue;
                }

                if (schema is not null)
                {
                    foreach (var error in Flatten(schema.Validate(document.Root)))
                    {
                        errors.Add(document.ErrorAt(error.Path ?? "#", Describe(error)));
                    }
                }

                if (errors.Count == before)
                {
                    parsed.Add(document);
                }
            }
        }

        if (errors.Count > 0)
        {
            throw new CatalogValidationException(errors);
        }

        var builder = new CatalogBuilder(errors);
        foreach (var document in documents["frameworks"])
        {
            builder.AddFramework(document);
        }

        foreach (var document in documents["training"])
        {
            builder.AddTrainingModules(document);
        }

        foreach (var document in documents["checks"])
        {
            builder.AddChecks(document);
        }

        foreach (var document in documents["notifications"])
        {
            builder.AddNotifications(document);
        }

        foreach (var document in documents["readiness"])
        {
            builder.AddReadiness(document);
        }

        var catalog = builder.Build();
        if (errors.Count > 0)
        {
            throw new CatalogValidationException(errors);
        }

        return catalog!;
    }

    private static JsonSchema? LoadSchema(string catalogDirectory, string folder, List<CatalogError> errors)
    {
        var name = folder switch
        {
            "frameworks" => "framework.schema.json",
            "checks" => "checks.schema.json",
            "notifications" => "notifications.schema.json",
            "readiness" => "readiness.schema.json",
            _ => "training.schema.json",
        };
        var path = Path.Combine(catalogDirectory, "schema", name);
        if (!File.Exists(path))
        {
            errors.Add(new CatalogError($"schema/{name}", 0, 0, "JSON Schema file not found"));
            return null;
        }

        return JsonSchema.FromJsonAsync(File.ReadAllText(path)).GetAwaiter().GetResult();
    }

    private static IEnumerable<ValidationError> Flatten(IEnumerable<ValidationError> errors)
    {
        foreach (var error in errors)
        {
            if (error is ChildSchemaValidationError child && child.Errors.Count > 0)
            {
                foreach (var nested in Flatten(child.Errors.SelectMany(e => e.Value)))
                {
                    yield return nested;
                }
            }
            else
            {
                yield return error;
            }
        }
    }

    private static string Describe(ValidationError error)
    {
        var where = string.IsNullOrEmpty(error.Path) ? "document" : error.Path.TrimStart('#', '/');
        var what = error.Kind switch
        {
            ValidationErrorKind.PropertyRequired => $"required property '{error.Property}' is missing",
            ValidationErrorKind.NoAdditionalPropertiesAllowed => $"unknown property '{error.Property}'",
            ValidationErrorKind.StringExpected => "must be a string (quote values such as \"5.10\" so YAML does not read them as numbers)",
            ValidationErrorKind.NumberExpected or ValidationErrorKind.IntegerExpected => "must be a number",
            ValidationErrorKind.ArrayExpected => "must be a list",
            ValidationErrorKind.ObjectExpected => "must be a mapping",
            ValidationErrorKind.NotInEnumeration => "is not one of the allowed values",
            ValidationErrorKind.PatternMismatch => "does not have the expected format",
            ValidationErrorKind.StringTooShort => "is too short",
            ValidationErrorKind.TooFewItems => "has too few items",
            ValidationErrorKind.ItemsNotUnique => "lists the same item twice",
            ValidationErrorKind.NumberTooSmall => "is below the minimum",
            _ => error.Kind.ToString(),
        };
        return $"{where}: {what}";
    }

    /// <summary>Turns schema-valid documents into definitions and checks everything a schema cannot.</summary>
    private sealed class CatalogBuilder(List<CatalogError> errors)
    {
        private readonly List<FrameworkDefinition> _frameworks = [];
        private readonly List<CheckDefinition> _checks = [];
        private readonly List<TrainingModuleDefinition> _modules = [];
        private NotificationTable? _notifications;
        private readonly List<(YamlDocument Document, string Path, SurfaceReadinessPolicy Policy)> _readinessSources = [];
        private readonly List<(YamlDocument Document, string Path, RequirementDefinition Requirement)> _requirementSources = [];
        private readonly List<(YamlDocument Document, string Path, CheckDefinition Check)> _checkSources = [];
        private readonly Dictionary<string, (YamlDocument Document, string Path)> _moduleSources = new(StringComparer.Ordinal);

        public void AddFramework(YamlDocument document)
        {
            var root = document.Root;
            var frameworkId = (string)root["id"]!;
            if (_frameworks.Any(f => f.Id == frameworkId))
            {
                errors.Add(document.ErrorAt("#/id", $"framework '{frameworkId}' is defined twice"));
                return;
            }

            var requirements = new List<RequirementDefinition>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var items = (JArray)root["requirements"]!;
            for (var i = 0; i < items.Count; i++)
            {
                var item = items[i];
                var path = $"#/requirements[{i}]";
                var id = (string)item["id"]!;
                if (!seen.Add(id))
                {
                    errors.Add(document.ErrorAt(path + ".id", $"requirement id '{id}' appears twice in {frameworkId}"));
                    continue;
                }

                var points = (item["pointsOfFocus"] as JArray ?? [])
                    .Select(p => new PointOfFocus((string)p["id"]!, (string)p["name"]!))
                    .ToList();
                var mappings = new List<RequirementMapping>();
                var mappingItems = item["mappings"] as JArray ?? [];
                for (var m = 0; m < mappingItems.Count; m++)
                {
                    // The schema pattern guarantees "framework/id", so the parse cannot fail here.
                    _ = RequirementKey.TryParse((string)mappingItems[m]["target"]!, out var target);
                    var relationship = Enum.Parse<MappingRelationship>((string)mappingItems[m]["relationship"]!, ignoreCase: true);
                    mappings.Add(new RequirementMapping(target, relationship));
                }

                var requirement = new RequirementDefinition(
                    frameworkId, id, (string)item["name"]!, (string)item["group"]!, Clean((string)item["description"]!), points, mappings);
                requirements.Add(requirement);
                _requirementSources.Add((document, path, requirement));
            }

            _frameworks.Add(new FrameworkDefinition(frameworkId, (string)root["name"]!, (string)root["version"]!, requirements));
        }

        public void AddTrainingModules(YamlDocument document)
        {
            var items = (JArray)document.Root["modules"]!;
            for (var i = 0; i < items.Count; i++)
            {
                var item = items[i];
                var path = $"#/modules[{i}]";
                var id = (string)item["id"]!;
                if (!_moduleSources.TryAdd(id, (document, path)))
                {
                    errors.Add(document.ErrorAt(path + ".id", $"training module '{id}' is defined twice"));
                    continue;
                }

                var audience = item["audience"] as JObject;
                _modules.Add(new TrainingModuleDefinition(
                    id,
                    (string)item["title"]!,
                    Clean((string)item["description"]!),
                    Strings(audience?["roles"]),
                    Strings(audience?["surfaces"]),
                    XmlConvert.ToTimeSpan((string)item["refresh"]!),
                    XmlConvert.ToTimeSpan((string)item["joinerGrace"]!),
                    item["coverageThreshold"] is { } threshold ? (double)threshold : null));
            }
        }

        public void AddChecks(YamlDocument document)
        {
            var items = (JArray)document.Root["checks"]!;
            for (var i = 0; i < items.Count; i++)
            {
                var item = items[i];
                var path = $"#/checks[{i}]";
                var id = (string)item["id"]!;
                if (_checks.Any(c => c.Id == id))
                {
                    errors.Add(document.ErrorAt(path + ".id", $"check id '{id}' is defined twice"));
                    continue;
                }

                var type = (string)item["type"]! == "attested" ? CheckType.Attested : CheckType.Automated;
                var evidences = new List<RequirementKey>();
                if (item["evidences"] is JObject evidenceMap)
                {
                    foreach (var (frameworkId, ids) in evidenceMap)
                    {
                        evidences.AddRange(Strings(ids).Select(r => new RequirementKey(frameworkId, r)));
                    }
                }

                var parameters = (item["parameters"] as JArray ?? [])
                    .Select(p => new CheckParameter(
                        (string)p["name"]!,
                        (string)p["type"]!,
                        p["default"]!.ToString(Newtonsoft.Json.Formatting.None),
                        (string)p["description"]!))
                    .ToList();
                var retrofit = item["retrofit"]!;
                var attestation = item["attestation"] is JObject a
                    ? new AttestationSpec((string)a["evidence"]!, (string)a["ownerRole"]!)
                    : null;
                var check = new CheckDefinition(
                    id,
                    (string)item["title"]!,
                    type,
                    Clean((string)item["measures"]!),
                    Clean((string)item["rationale"]!),
                    Strings(item["systemKinds"]),
                    Strings(item["surfaces"]),
                    parameters,
                    evidences,
                    Clean((string)item["remediation"]!),
                    new RetrofitEstimate((double)retrofit["hoursLow"]!, (double)retrofit["hoursHigh"]!, (double)retrofit["upkeepHoursPerYear"]!),
                    (string?)item["trainingModule"],
                    XmlConvert.ToTimeSpan((string)item["freshness"]!),
                    attestation,
                    document.RelativePath);
                _checks.Add(check);
                _checkSources.Add((document, path, check));
                ValidateCheckShape(document, path, item, check);
            }
        }

        public void AddNotifications(YamlDocument document)
        {
            if (_notifications is not null)
            {
                errors.Add(document.ErrorAt("#", "a second notification table: keep every regime in one file so it has one version"));
                return;
            }

            _notifications = NotificationTableParser.Parse(document, errors);
        }

        public void AddReadiness(YamlDocument document)
        {
            var items = (JArray)document.Root["surfaces"]!;
            for (var i = 0; i < items.Count; i++)
            {
                var item = items[i];
                var path = $"#/surfaces[{i}]";
                var surface = (string)item["surface"]!;
                if (_readinessSources.Any(s => s.Policy.Surface == surface))
                {
                    errors.Add(document.ErrorAt(path + ".surface", $"readiness of surface '{surface}' is defined twice"));
                    continue;
                }

                var checks = Strings(item["detectionChecks"]);
                var unmeasured = (string?)item["detectionUnmeasured"];
                if (checks.Count == 0 && string.IsNullOrWhiteSpace(unmeasured))
                {
                    errors.Add(document.ErrorAt(path + ".detectionChecks", $"surface '{surface}' lists no detection check: say why in 'detectionUnmeasured' (detection is then reported as unmeasured)"));
                }
                else if (checks.Count > 0 && unmeasured is not null)
                {
                    errors.Add(document.ErrorAt(path + ".detectionUnmeasured", $"surface '{surface}' lists detection checks and also says detection is unmeasured: keep one"));
                }

                var policy = new SurfaceReadinessPolicy(
                    surface,
                    XmlConvert.ToTimeSpan((string)item["tabletopCadence"]!),
                    XmlConvert.ToTimeSpan((string)item["playbookReviewPeriod"]!),
                    checks,
                    unmeasured?.Trim());
                if (policy.TabletopCadence <= TimeSpan.Zero || policy.PlaybookReviewPeriod <= TimeSpan.Zero)
                {
                    errors.Add(document.ErrorAt(path, $"surface '{surface}': tabletopCadence and playbookReviewPeriod must be positive"));
                }

                _readinessSources.Add((document, path, policy));
            }
        }

        public ControlCatalog? Build()
        {
            var requirementIndex = _frameworks.SelectMany(f => f.Requirements).ToDictionary(r => r.Key);

            foreach (var (document, path, requirement) in _requirementSources)
            {
                for (var m = 0; m < requirement.Mappings.Count; m++)
                {
                    var target = requirement.Mappings[m].Target;
                    if (!requirementIndex.ContainsKey(target))
                    {
                        errors.Add(document.ErrorAt($"{path}.mappings[{m}].target", $"{requirement.Key} maps to {target}, which is not in the catalog"));
                    }
                }

                if (requirement.FrameworkId != FrameworkIds.Iso27001V2022 && requirement.Mappings.Count == 0)
                {
                    errors.Add(document.ErrorAt(path, $"{requirement.Key} has no mapping to ISO 27001:2022"));
                }
            }

            var covered = new HashSet<RequirementKey>();
            foreach (var (document, path, check) in _checkSources)
            {
                foreach (var key in check.Evidences)
                {
                    if (!requirementIndex.ContainsKey(key))
                    {
                        errors.Add(document.ErrorAt($"{path}.evidences.{key.FrameworkId}", $"check '{check.Id}' evidences {key}, which is not in the catalog"));
                    }
                    else
                    {
                        covered.Add(key);
                    }
                }

                if (check.TrainingModule is { } module && !_moduleSources.ContainsKey(module))
                {
                    errors.Add(document.ErrorAt($"{path}.trainingModule", $"check '{check.Id}' names training module '{module}', which is not in training/"));
                }

                ValidateMappingConsistency(document, path, check, requirementIndex);
            }

            foreach (var (document, path, requirement) in _requirementSources)
            {
                if (!covered.Contains(requirement.Key))
                {
                    errors.Add(document.ErrorAt(path + ".id", $"{requirement.Key} is not evidenced by any automated or attested check"));
                }
            }

            foreach (var (document, path, policy) in _readinessSources)
            {
                for (var c = 0; c < policy.DetectionChecks.Count; c++)
                {
                    if (!_checks.Any(check => check.Id == policy.DetectionChecks[c]))
                    {
                        errors.Add(document.ErrorAt($"{path}.detectionChecks[{c}]",
                            $"surface '{policy.Surface}' names detection check '{policy.DetectionChecks[c]}', which is not in checks/"));
                    }
                }
            }

            var readiness = _readinessSources.Count == 0 ? null : new ReadinessPolicy([.. _readinessSources.Select(s => s.Policy)]);
            return errors.Count > 0 ? null : new ControlCatalog(_frameworks, _checks, _modules, _notifications, readiness);
        }

        private void ValidateCheckShape(YamlDocument document, string path, JToken item, CheckDefinition check)
        {
            if (check.Retrofit.HoursHigh < check.Retrofit.HoursLow)
            {
                errors.Add(document.ErrorAt(path + ".retrofit", $"check '{check.Id}': hoursHigh is below hoursLow"));
            }

            if (check.Type == CheckType.Automated && check.SystemKinds.Count == 0)
            {
                errors.Add(document.ErrorAt(path + ".systemKinds", $"automated check '{check.Id}' names no system kind to collect from"));
            }

            if (check.Type == CheckType.Attested && check.Attestation is null)
            {
                errors.Add(document.ErrorAt(path, $"attested check '{check.Id}' needs an 'attestation' block (what to upload, who owns it)"));
            }

            if (check.Freshness <= TimeSpan.Zero)
            {
                errors.Add(document.ErrorAt(path + ".freshness", $"check '{check.Id}': freshness must be positive"));
            }

            var parameters = item["parameters"] as JArray ?? [];
            for (var p = 0; p < parameters.Count; p++)
            {
                var declared = (string)parameters[p]["type"]!;
                var value = parameters[p]["default"]!;
                var fits = declared switch
                {
                    "integer" => value.Type == JTokenType.Integer,
                    "number" => value.Type is JTokenType.Integer or JTokenType.Float,
                    "boolean" => value.Type == JTokenType.Boolean,
                    "string" => value.Type == JTokenType.String,
                    _ => value is JArray list && list.All(v => v.Type == JTokenType.String),
                };
                if (!fits)
                {
                    errors.Add(document.ErrorAt($"{path}.parameters[{p}].default", $"default of parameter '{(string)parameters[p]["name"]!}' is not a {declared}"));
                }
            }
        }

        /// <summary>
        /// A check that claims a 2013 control or a SOC 2 criterion must also claim one of the 2022 controls it maps to,
        /// so the three framework views of the same evidence never disagree.
        /// </summary>
        private void ValidateMappingConsistency(
            YamlDocument document, string path, CheckDefinition check, Dictionary<RequirementKey, RequirementDefinition> index)
        {
            var iso2022 = check.Evidences.Where(k => k.FrameworkId == FrameworkIds.Iso27001V2022).ToHashSet();
            foreach (var key in check.Evidences.Where(k => k.FrameworkId != FrameworkIds.Iso27001V2022))
            {
                if (!index.TryGetValue(key, out var requirement) || requirement.Mappings.Count == 0)
                {
                    continue;
                }

                if (!requirement.Mappings.Any(m => iso2022.Contains(m.Target)))
                {
                    var targets = string.Join(", ", requirement.Mappings.Select(m => m.Target.RequirementId));
                    errors.Add(document.ErrorAt(
                        $"{path}.evidences.{key.FrameworkId}",
                        $"check '{check.Id}' evidences {key} but none of the ISO 2022 controls it maps to ({targets})"));
                }
            }
        }

        private static List<string> Strings(JToken? token) =>
            token is JArray array ? array.Select(t => (string)t!).ToList() : [];

        private static string Clean(string text) => text.Trim();
    }
}
