using System.Text.Json;
using IamOps.Cli.Tests.Infrastructure;
using IamOps.Server.Tests.Infrastructure;

namespace IamOps.Cli.Tests.Session;

public sealed class LoginTests(IamOpsApp app) : IClassFixture<IamOpsApp>
{
    [Fact]
    public async Task Login_stores_server_and_tokens_in_a_file_only_its_owner_can_read()
    {
        using var cli = new CliRunner(app);

        var result = await cli.RunWithInputAsync(IamOpsApp.DemoPassword + "\n",
            "login", "--server", CliRunner.Server, "--email", DemoUsers.AcmeViewer, "--password-stdin");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains($"Signed in to {CliRunner.Server} as {DemoUsers.AcmeViewer} (Acme Retail, ", result.Stdout, StringComparison.Ordinal);
        using var config = JsonDocument.Parse(await File.ReadAllTextAsync(cli.ConfigFile, TestContext.Current.CancellationToken));
        Assert.Equal(CliRunner.Server, config.RootElement.GetProperty("server").GetString());
        Assert.False(string.IsNullOrEmpty(config.RootElement.GetProperty("accessToken").GetString()));
        Assert.False(string.IsNullOrEmpty(config.RootElement.GetProperty("refreshToken").GetString()));
        Assert.True(config.RootElement.GetProperty("accessTokenExpiresAt").GetDateTimeOffset() > app.Clock.GetUtcNow());
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(cli.ConfigFile));
        }
        Assert.Single(Directory.GetFiles(cli.ConfigDirectory!));
    }

    [Fact]
    public async Task Whoami_shows_the_signed_in_user_organisation_and_role()
    {
        using var cli = new CliRunner(app);
        await cli.LoginAsync(DemoUsers.GlobexAdmin);

        var table = await cli.RunAsync("whoami");
        var json = await cli.RunAsync("whoami", "--output", "json");

        Assert.True(table.ExitCode == 0, table.ToString());
        Assert.Contains(DemoUsers.GlobexAdmin, table.Stdout, StringComparison.Ordinal);
        Assert.Contains("Globex Bank", table.Stdout, StringComparison.Ordinal);
        using var me = JsonDocument.Parse(json.Stdout);
        Assert.Equal(DemoUsers.GlobexAdmin, me.RootElement.GetProperty("email").GetString());
        Assert.Equal("Client", me.RootElement.GetProperty("party").GetString());
    }

    [Fact]
    public async Task A_command_run_before_signing_in_exits_3_and_says_how_to_sign_in()
    {
        using var cli = new CliRunner(app);

        var result = await cli.RunAsync("clusters", "list", "--server", CliRunner.Server);

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("error: Not signed in to http://localhost.", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("iamops login", result.Stderr, StringComparison.Ordinal);
        Assert.Equal("", result.Stdout);
    }

    [Fact]
    public async Task Login_without_a_terminal_and_without_password_stdin_exits_2_and_stores_nothing()
    {
        using var cli = new CliRunner(app);

        var result = await cli.RunAsync("login", "--server", CliRunner.Server, "--email", DemoUsers.AcmeViewer);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--password-stdin", result.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(cli.ConfigFile));
    }

    [Fact]
    public async Task A_wrong_password_exits_3_with_the_servers_reason()
    {
        using var cli = new CliRunner(app);

        var result = await cli.RunWithInputAsync("not-the-password\n",
            "login", "--server", CliRunner.Server, "--email", DemoUsers.GlobexContact, "--password-stdin");

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("error: Invalid credentials: The email or password is wrong.", result.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(cli.ConfigFile));
    }

    [Fact]
    public async Task An_expired_bearer_token_is_refreshed_and_the_new_one_saved()
    {
        await using var ownApp = new IamOpsApp();
        using var cli = new CliRunner(ownApp);
        await cli.LoginAsync(DemoUsers.AcmeContact);
        var before = JsonDocument.Parse(await File.ReadAllTextAsync(cli.ConfigFile, TestContext.Current.CancellationToken)).RootElement;

        ownApp.Clock.Advance(TimeSpan.FromMinutes(20));
        var result = await cli.RunAsync("whoami");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains(DemoUsers.AcmeContact, result.Stdout, StringComparison.Ordinal);
        var after = JsonDocument.Parse(await File.ReadAllTextAsync(cli.ConfigFile, TestContext.Current.CancellationToken)).RootElement;
        Assert.NotEqual(before.GetProperty("accessToken").GetString(), after.GetProperty("accessToken").GetString());
        Assert.True(after.GetProperty("accessTokenExpiresAt").GetDateTimeOffset() > ownApp.Clock.GetUtcNow());
    }

    [Fact]
    public async Task Logout_forgets_the_session_but_keeps_the_server()
    {
        using var cli = new CliRunner(app);
        await cli.LoginAsync(DemoUsers.AcmeViewer);

        var logout = await cli.RunAsync("logout");
        var whoami = await cli.RunAsync("whoami");

        Assert.Equal(0, logout.ExitCode);
        Assert.Equal(3, whoami.ExitCode);
        Assert.Contains("Not signed in to http://localhost.", whoami.Stderr, StringComparison.Ordinal);
        var config = await File.ReadAllTextAsync(cli.ConfigFile, TestContext.Current.CancellationToken);
        Assert.DoesNotContain("accessToken", config, StringComparison.Ordinal);
        Assert.Contains(CliRunner.Server, config, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_stored_session_is_not_sent_to_another_server()
    {
        using var cli = new CliRunner(app);
        await cli.LoginAsync(DemoUsers.AcmeViewer);

        var result = await cli.RunAsync("whoami", "--server", "http://elsewhere.example");

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("the stored session is for http://localhost", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_config_file_goes_to_config_dir_else_IAMOPS_CONFIG_DIR_else_XDG_CONFIG_HOME_else_home()
    {
        using var cli = new CliRunner(app) { ConfigDirectory = null };
        string[] login = ["login", "-s", CliRunner.Server, "-e", DemoUsers.AcmeViewer, "--password-stdin"];
        var home = Path.Combine(cli.Root, "home", ".config", "iamops", "config.json");
        var xdg = Path.Combine(cli.Root, "xdg");
        var own = Path.Combine(cli.Root, "own");
        var flag = Path.Combine(cli.Root, "flag");

        var inHome = await cli.RunWithInputAsync(IamOpsApp.DemoPassword, login);
        cli.Variables["XDG_CONFIG_HOME"] = xdg;
        var inXdg = await cli.RunWithInputAsync(IamOpsApp.DemoPassword, login);
        cli.Variables["IAMOPS_CONFIG_DIR"] = own;
        var inOwn = await cli.RunWithInputAsync(IamOpsApp.DemoPassword, login);
        var inFlag = await cli.RunWithInputAsync(IamOpsApp.DemoPassword, [.. login, "--config-dir", flag]);

        Assert.Equal([0, 0, 0, 0], new[] { inHome.ExitCode, inXdg.ExitCode, inOwn.ExitCode, inFlag.ExitCode });
        Assert.True(File.Exists(home));
        Assert.True(File.Exists(Path.Combine(xdg, "iamops", "config.json")));
        Assert.True(File.Exists(Path.Combine(own, "config.json")));
        Assert.True(File.Exists(Path.Combine(flag, "config.json")));
    }

    [Fact]
    public async Task A_corrupt_config_file_exits_2_naming_the_file()
    {
        using var cli = new CliRunner(app);
        Directory.CreateDirectory(cli.ConfigDirectory!);
        await File.WriteAllTextAsync(cli.ConfigFile, "{ not json", TestContext.Current.CancellationToken);

        var result = await cli.RunAsync("whoami", "--server", CliRunner.Server);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(cli.ConfigFile, result.Stderr, StringComparison.Ordinal);
        Assert.Contains("not valid JSON", result.Stderr, StringComparison.Ordinal);
    }
}
