using Controls.Compliance.Catalog;

namespace Controls.Compliance.Tests.Readiness;

public sealed class ReadinessCatalogTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "controls-tests", Guid.NewGuid().ToString("n"));

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    [Fact]
    public void ShippedCatalog_DefinesReadinessForTheNineSurfaces_WithHalfYearlyCheckoutAndPayment()
    {
        var catalog = CatalogLoader.Load(Path.Combine(AppContext.BaseDirectory, "control-catalog"));

        Assert.Equal(
            ["storefront", "checkout", "payment", "product-catalog", "customer-account", "tenant-admin", "user-provisioning", "app-settings", "employee-portal"],
            catalog.Readiness.Surfaces.Select(s => s.Surface));
        Assert.Equal(182, catalog.Readiness.Find("payment")!.TabletopCadenceDays);
        Assert.Equal(182, catalog.Readiness.Find("checkout")!.TabletopCadenceDays);
        Assert.All(catalog.Readiness.Surfaces.Where(s => s.Surface is not ("payment" or "checkout")), s => Assert.Equal(365, s.TabletopCadenceDays));
        Assert.All(catalog.Readiness.Surfaces.SelectMany(s => s.DetectionChecks), id => Assert.NotNull(catalog.FindCheck(id)));
        Assert.Empty(catalog.Readiness.Find("employee-portal")!.DetectionChecks);
        Assert.NotNull(catalog.Readiness.Find("employee-portal")!.DetectionUnmeasured);
        Assert.Contains("github.secret-scanning-alerts-sla", catalog.Readiness.Find("payment")!.DetectionChecks);
        Assert.Equal(catalog.Readiness.Surfaces.Select(s => s.Surface), catalog.FindCheck("incidents.response-readiness")!.Surfaces);
    }

    [Fact]
    public void Load_UnknownDetectionCheck_IsRejectedAtItsLine()
    {
        var path = CopyShipped();
        var file = Path.Combine(path, "readiness", "surfaces.yaml");
        File.WriteAllText(file, File.ReadAllText(file).Replace("detectionChecks: [shopify.audit-trail-coverage]", "detectionChecks: [shopify.audit-trial-coverage]", StringComparison.Ordinal));

        var error = Assert.Throws<CatalogValidationException>(() => CatalogLoader.Load(path));

        var problem = Assert.Single(error.Errors);
        Assert.Equal(Path.Combine("control-catalog", "readiness", "surfaces.yaml"), problem.File);
        Assert.Equal(LineOf(file, "shopify.audit-trial-coverage"), problem.Line);
        Assert.Contains("'shopify.audit-trial-coverage', which is not in checks/", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_SurfaceWithoutDetectionChecksOrReason_IsRejected()
    {
        var path = CopyShipped();
        var file = Path.Combine(path, "readiness", "surfaces.yaml");
        var text = File.ReadAllText(file);
        File.WriteAllText(file, text[..text.IndexOf("    detectionUnmeasured:", StringComparison.Ordinal)]);

        var error = Assert.Throws<CatalogValidationException>(() => CatalogLoader.Load(path));

        var problem = Assert.Single(error.Errors);
        Assert.Contains("surface 'employee-portal' lists no detection check", problem.Message, StringComparison.Ordinal);
        Assert.Equal(LineOf(file, "detectionChecks: []"), problem.Line);
    }

    [Fact]
    public void Load_SurfaceTwice_IsRejected()
    {
        var path = CopyShipped();
        var file = Path.Combine(path, "readiness", "surfaces.yaml");
        File.WriteAllText(file, File.ReadAllText(file).Replace("surface: storefront", "surface: payment", StringComparison.Ordinal));

        var error = Assert.Throws<CatalogValidationException>(() => CatalogLoader.Load(path));

        Assert.Contains(error.Errors, e => e.Message.Contains("readiness of surface 'payment' is defined twice", StringComparison.Ordinal));
    }

    private static int LineOf(string file, string text) =>
        File.ReadAllLines(file).Select((line, i) => (line, i)).First(x => x.line.Contains(text, StringComparison.Ordinal)).i + 1;

    private string CopyShipped()
    {
        var source = Path.Combine(AppContext.BaseDirectory, "control-catalog");
        var target = Path.Combine(_root, "control-catalog");
        foreach (var directory in Directory.EnumerateDirectories(source, "*", SearchOption.AllDirectories))
        {
            Directory.CreateDirectory(directory.Replace(source, target, StringComparison.Ordinal));
        }

        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            File.Copy(file, file.Replace(source, target, StringComparison.Ordinal));
        }

        return target;
    }
}
