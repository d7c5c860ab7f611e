using System.Text;
using Controls.Collectors.Magento.Client;
using Controls.Collectors.Tests.GitHub;
using Controls.Collectors.Tests.Support;
using Controls.Compliance.Collection;
using Controls.Collectors.Tests.Magento.Database;
using Controls.Testing.FakeMagento;
using Controls.Testing.MariaDb;

namespace Controls.Collectors.Tests.Magento;

[Collection(MariaDbCollection.Name)]
public sealed class MagentoAuthenticationTests(MagentoDatabaseFixture fixture) : IAsyncLifetime
{
    private const string AdminCredential = "admin:" + FakeMagentoState.DefaultAdminUser + ":" + FakeMagentoState.DefaultAdminPassword;
    private const string TfaCredential = "admin-tfa:" + FakeMagentoState.DefaultAdminUser + ":" + FakeMagentoState.DefaultAdminPassword + ":" + FakeMagentoState.DefaultTotpSecret;

    private FakeMagentoServer _magento = null!;
    private CollectorTestHost? _host;

    public async Task InitializeAsync()
    {
        var now = TestInstances.Now();
        await fixture.ResetAsync();
        await TestInstances.SeedAsync(fixture.Database, now);
        _magento = await FakeMagentoServer.StartAsync(TestInstances.Acme(now));
    }

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
            _host.DeleteFolder();
        }

        await _magento.DisposeAsync();
    }

    [Theory]
    [InlineData(59L, "94287082")]
    [InlineData(1111111109L, "07081804")]
    [InlineData(1234567890L, "89005924")]
    [InlineData(20000000000L, "65353130")]
    public void Totp_MatchesTheRfc6238Sha1TestVectors(long unixSeconds, string expected)
    {
        var key = Encoding.ASCII.GetBytes("12345678901234567890");

        Assert.Equal(expected, Totp.Compute(key, unixSeconds / Totp.StepSeconds, 8));
        Assert.Equal(expected[2..], Totp.Compute(FakeMagentoState.DefaultTotpSecret, DateTimeOffset.FromUnixTimeSeconds(unixSeconds)));
    }

    [Theory]
    [InlineData("bearer:abc123token", MagentoCredentialKind.Bearer)]
    [InlineData("abc123token", MagentoCredentialKind.Bearer)]
    [InlineData("admin:reader:pa:ss", MagentoCredentialKind.Admin)]
    [InlineData("admin-tfa:reader:pa:ss:JBSWY3DPEHPK3PXP", MagentoCredentialKind.AdminTwoFactor)]
    public void Credential_ParsesEachDocumentedFormat_AndNeverPrintsASecret(string value, MagentoCredentialKind kind)
    {
        var credential = MagentoCredential.Parse(value, out var problem);

        Assert.Null(problem);
        Assert.Equal(kind, credential!.Kind);
        Assert.DoesNotContain("abc123token", credential.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("pa:ss", credential.ToString(), StringComparison.Ordinal);
        if (kind != MagentoCredentialKind.Bearer)
        {
            Assert.Equal("reader", credential.Username);
            Assert.Equal("pa:ss", credential.Password);
        }
    }

    [Fact]
    public async Task Collect_WithAdminCredentials_ExchangesThemForAnAdminToken()
    {
        _host = await MagentoTestHost.StartAsync(_magento, fixture.ReadOnlyConnectionString, AdminCredential);

        var run = await _host.CollectAsync();

        Assert.Equal(RunOutcome.Succeeded, run.Outcome);
        var first = _magento.Requests.All[0];
        Assert.Equal(("POST", "integration/admin/token", 200, false), (first.Method, first.Route, first.Status, first.HadBearer));
        Assert.All(_magento.Requests.All.Skip(1), r => Assert.True(r.HadBearer));
        Assert.Single(_magento.State.IssuedAdminTokens);
    }

    [Fact]
    public async Task Collect_WithAdminTfaCredentials_AuthenticatesWithAValidOtp()
    {
        _magento.State.RequireTwoFactorForTokens = true;
        _host = await MagentoTestHost.StartAsync(_magento, fixture.ReadOnlyConnectionString, TfaCredential);

        var run = await _host.CollectAsync();

        Assert.Equal(RunOutcome.Succeeded, run.Outcome);
        Assert.Equal(("POST", "tfa/provider/google/authenticate", 200), (_magento.Requests.All[0].Method, _magento.Requests.All[0].Route, _magento.Requests.All[0].Status));
    }

    [Fact]
    public async Task Collect_WithAWrongTotpSecret_AbortsAndNamesOnlyTheUser()
    {
        _host = await MagentoTestHost.StartAsync(_magento, fixture.ReadOnlyConnectionString,
            "admin-tfa:" + FakeMagentoState.DefaultAdminUser + ":" + FakeMagentoState.DefaultAdminPassword + ":JBSWY3DPEHPK3PXP");

        var run = await _host.CollectAsync();

        Assert.Equal(RunOutcome.Failed, run.Outcome);
        Assert.StartsWith(
            "Magento refused the admin credentials of user 'controls-reader' at POST /V1/tfa/provider/google/authenticate for acme-shop (401): Invalid code.",
            run.Error, StringComparison.Ordinal);
        Assert.Single(_magento.Requests.All);
    }

    [Fact]
    public async Task Collect_WithAWrongPassword_AbortsAndNeverStoresThePassword()
    {
        _magento.State.AdminPassword = "a-different-password";
        _host = await MagentoTestHost.StartAsync(_magento, fixture.ReadOnlyConnectionString, AdminCredential);

        var run = await _host.CollectAsync();

        Assert.Equal(RunOutcome.Failed, run.Outcome);
        Assert.Contains("The account sign-in was incorrect or your account is disabled temporarily", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(FakeMagentoState.DefaultAdminPassword, run.Error, StringComparison.Ordinal);
        Assert.Empty(DataFolderScanner.FilesContaining(_host.Folder, FakeMagentoState.DefaultAdminPassword));
    }

    [Fact]
    public async Task Collect_WithAdminTokenEndpointRequiringTwoFactor_AbortsWithMagentosAdvice()
    {
        _magento.State.RequireTwoFactorForTokens = true;
        _host = await MagentoTestHost.StartAsync(_magento, fixture.ReadOnlyConnectionString, AdminCredential);

        var run = await _host.CollectAsync();

        Assert.Equal(RunOutcome.Failed, run.Outcome);
        Assert.Contains("Please use the 2fa provider-specific endpoints to obtain a token.", run.Error, StringComparison.Ordinal);
    }
}
