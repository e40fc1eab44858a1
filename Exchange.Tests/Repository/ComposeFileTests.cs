using System.Diagnostics;
using System.Text.RegularExpressions;
using Exchange.Tests.Infrastructure;
using YamlDotNet.RepresentationModel;

namespace Exchange.Tests.Repository;

/// <summary>
/// The compose files as docker-compose itself resolves them (<c>docker-compose config</c> needs no
/// Docker engine), with the placeholders of .env.example as the secrets.
/// </summary>
[Integration]
public class ComposeFileTests
{
    private static readonly string[] WebNodes = ["web1", "web2"];

    [Fact]
    public async Task Two_web_nodes_start_after_the_one_shot_migrate_and_do_not_migrate_themselves()
    {
        var compose = await ConfigAsync();

        foreach (var node in WebNodes)
        {
            var web = Service(compose, node);
            Assert.Equal("service_completed_successfully", Scalar(web, "depends_on", "migrate", "condition"));
            Assert.Equal("false", Scalar(web, "environment", "Database__MigrateOnStart"));
            Assert.StartsWith("redis:6379,", Scalar(web, "environment", "Events__Redis"));
        }
        var migrate = Service(compose, "migrate");
        Assert.Equal("migrate", Assert.Single(Sequence(migrate, "command")));
        Assert.Equal("no", Scalar(migrate, "restart"));
        Assert.Equal("service_completed_successfully", Scalar(migrate, "depends_on", "database-init", "condition"));
    }

    [Fact]
    public async Task The_nodes_connect_to_SQL_Server_as_the_app_login_and_migrate_as_the_schema_owner_never_as_sa()
    {
        var compose = await ConfigAsync();

        Assert.StartsWith("mcr.microsoft.com/mssql/server:2022-CU", Scalar(Service(compose, "database"), "image"));
        foreach (var (service, login) in ((string, string)[])[("migrate", "exchange_owner"), ("web1", "exchange_app"), ("web2", "exchange_app")])
        {
            var connection = Scalar(Service(compose, service), "environment", "Database__ConnectionString");
            Assert.Equal("SqlServer", Scalar(Service(compose, service), "environment", "Database__Provider"));
            Assert.Contains($"User Id={login};", connection);
            Assert.DoesNotContain("User Id=sa;", connection, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("replace-with-a-long-Sa-passw0rd", connection);
        }
    }

    [Fact]
    public async Task The_SQL_Server_init_script_gets_every_variable_it_uses_and_makes_the_app_login_a_reader_and_writer_only()
    {
        var compose = await ConfigAsync();
        var script = await File.ReadAllTextAsync(Path.Combine(RepositoryFolders.Root, "deploy", "sqlserver", "create-logins.sql"), TestContext.Current.CancellationToken);

        var command = Assert.Single(Sequence(Service(compose, "database-init"), "command"));
        Assert.Contains("-i /init/create-logins.sql", command);
        var given = Regex.Matches(command[command.IndexOf(" -v ", StringComparison.Ordinal)..], @"(\w+)=").Select(m => m.Groups[1].Value).Order();
        var used = Regex.Matches(script, @"\$\((\w+)\)").Select(m => m.Groups[1].Value).Distinct().Order();
        Assert.Equal(used, given);
        Assert.DoesNotContain("-P ", command);
        Assert.Contains("ALTER ROLE db_owner ADD MEMBER [$(OwnerLogin)];", script);
        Assert.Contains("ALTER ROLE db_datawriter ADD MEMBER [$(AppLogin)];", script);
        Assert.DoesNotContain("ALTER ROLE db_owner ADD MEMBER [$(AppLogin)]", script);
        Assert.Contains("DENY UPDATE, DELETE ON OBJECT::[dbo].[AuditLog] TO [$(AppLogin)];", script);
    }

    [Fact]
    public async Task Every_exchange_process_encrypts_the_key_ring_to_the_mounted_certificate_and_seals_its_events()
    {
        var compose = await ConfigAsync();

        Assert.EndsWith("deploy/secrets/data-protection.pfx", Scalar(compose, "secrets", "data-protection-certificate", "file"));
        foreach (var service in (string[])["migrate", .. WebNodes])
        {
            var node = Service(compose, service);
            Assert.Equal("/run/secrets/data-protection-certificate", Scalar(node, "environment", "DataProtection__CertificatePath"));
            Assert.Equal("replace-with-a-long-certificate-password", Scalar(node, "environment", "DataProtection__CertificatePassword"));
            Assert.False(((YamlMappingNode)Node(node, "environment")).Children.ContainsKey(new YamlScalarNode("DataProtection__AllowUnencryptedKeys")));
            Assert.Contains("data-protection-certificate", ((YamlSequenceNode)Node(node, "secrets")).Children.Select(s => Scalar(s, "source")));
            Assert.Equal("replace-with-a-long-random-events-signing-key", Scalar(node, "environment", "Events__SigningKey"));
        }
    }

    [Fact]
    public async Task Redis_takes_its_password_from_the_environment_and_never_from_a_command_line()
    {
        var compose = await ConfigAsync();

        var redis = Service(compose, "redis");
        Assert.Equal(["sh", "/deploy/start.sh"], Sequence(redis, "command"));
        Assert.Contains(Sequence(redis, "volumes"), v => v.EndsWith("deploy/redis:/deploy:ro", StringComparison.Ordinal));
        Assert.Equal("replace-with-a-long-redis-password", Scalar(redis, "environment", "REDIS_PASSWORD"));
        Assert.DoesNotContain(Sequence(redis, "healthcheck", "test"), t => t.Contains("-a ", StringComparison.Ordinal) || t.Contains("replace-with", StringComparison.Ordinal));
        Assert.Equal("redis", Scalar(redis, "user"));
    }

    [Fact]
    public async Task The_management_port_is_open_to_the_compose_network_and_published_nowhere()
    {
        var compose = await ConfigAsync();

        foreach (var name in WebNodes)
        {
            var node = Service(compose, name);
            Assert.Equal(("9090", "0.0.0.0"), (Scalar(node, "environment", "Metrics__ManagementPort"), Scalar(node, "environment", "Metrics__ManagementAddress")));
            Assert.False(node.Children.ContainsKey(new YamlScalarNode("ports")));
        }
    }

    [Fact]
    public async Task The_load_balancer_is_sticky_health_checks_the_nodes_and_is_the_only_trusted_proxy()
    {
        var compose = await ConfigAsync();
        var caddyfile = await File.ReadAllTextAsync(Path.Combine(RepositoryFolders.Root, "deploy", "Caddyfile"), TestContext.Current.CancellationToken);

        var lb = Service(compose, "lb");
        Assert.StartsWith("caddy:2.", Scalar(lb, "image"));
        Assert.Contains(Sequence(lb, "volumes"), v => v.EndsWith("deploy/Caddyfile:/etc/caddy/Caddyfile:ro", StringComparison.Ordinal));
        Assert.Contains("reverse_proxy web1:8080 web2:8080", caddyfile);
        Assert.Contains("lb_policy cookie", caddyfile);
        Assert.Contains("health_uri /health/live", caddyfile);
        var address = Scalar(lb, "networks", "exchange", "ipv4_address");
        foreach (var node in WebNodes)
        {
            Assert.Equal("service_healthy", Scalar(lb, "depends_on", node, "condition"));
            Assert.Equal(address, Scalar(Service(compose, node), "environment", "Security__KnownProxies__0"));
        }
    }

    [Fact]
    public async Task Every_long_running_service_is_health_checked()
    {
        var compose = await ConfigAsync();

        foreach (var name in (string[])["database", "redis", "hub"])
            Assert.NotEmpty(Sequence(Service(compose, name), "healthcheck", "test"));
        // The web nodes take the image's HEALTHCHECK (DockerfileTests), which asks /health/ready.
        Assert.Equal("service_healthy", Scalar(Service(compose, "database-init"), "depends_on", "database", "condition"));
        Assert.Equal("true", Scalar(Service(compose, "hub"), "environment", "HubEmulator__Enabled"));
    }

    [Fact]
    public async Task Every_web_node_signs_the_proofs_of_liabilities_with_the_one_key_named_in_the_environment_file()
    {
        var compose = await ConfigAsync();

        foreach (var node in WebNodes)
        {
            var web = Service(compose, node);
            Assert.Equal("/run/secrets/proof-signing-key.pem", Scalar(web, "environment", "ProofOfLiabilities__SigningKeyPath"));
            Assert.Contains("/etc/exchange/proof-signing-key.pem:/run/secrets/proof-signing-key.pem:ro", Sequence(web, "volumes"));
        }
        Assert.Contains("**/*.pem", await File.ReadAllLinesAsync(Path.Combine(RepositoryFolders.Root, ".dockerignore"), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task The_postgres_override_switches_every_exchange_process_to_PostgreSQL()
    {
        var compose = await ConfigAsync("compose.postgres.yml");

        Assert.StartsWith("postgres:15.", Scalar(Service(compose, "database"), "image"));
        Assert.StartsWith("postgres:15.", Scalar(Service(compose, "database-init"), "image"));
        Assert.Equal("/init/create-roles.sh", Assert.Single(Sequence(Service(compose, "database-init"), "command")));
        foreach (var (service, role) in ((string, string)[])[("migrate", "exchange_owner"), ("web1", "exchange_app"), ("web2", "exchange_app")])
        {
            Assert.Equal("PostgreSql", Scalar(Service(compose, service), "environment", "Database__Provider"));
            Assert.StartsWith($"Host=database;Database=exchange;Username={role};", Scalar(Service(compose, service), "environment", "Database__ConnectionString"));
        }
    }

    [Fact]
    public async Task The_real_hub_override_points_every_exchange_process_at_HUB_URL_and_leaves_the_emulator_out()
    {
        var compose = await ConfigAsync("compose.real-hub.yml");

        foreach (var service in (string[])["migrate", .. WebNodes])
            Assert.Equal("http://hub.internal:50051", Scalar(Service(compose, service), "environment", "Hub__Url"));
        Assert.Equal("emulator", Assert.Single(Sequence(Service(compose, "hub"), "profiles")));
    }

    [Fact]
    public async Task The_environment_file_is_an_example_with_placeholders_and_dotenv_is_ignored()
    {
        var root = RepositoryFolders.Root;
        var example = await File.ReadAllLinesAsync(Path.Combine(root, ".env.example"), TestContext.Current.CancellationToken);
        var ignored = await File.ReadAllLinesAsync(Path.Combine(root, ".gitignore"), TestContext.Current.CancellationToken);

        foreach (var secret in example.Where(l => l.Contains("PASSWORD=", StringComparison.Ordinal)))
            Assert.Contains("replace-with", secret);
        Assert.Contains(".env", ignored);
        Assert.Contains(".env", await File.ReadAllLinesAsync(Path.Combine(root, ".dockerignore"), TestContext.Current.CancellationToken));
    }

    private static async Task<YamlMappingNode> ConfigAsync(string? overrideFile = null)
    {
        var root = RepositoryFolders.Root;
        var start = new ProcessStartInfo("docker-compose") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = root };
        foreach (var arg in (string[])["--env-file", Path.Combine(root, ".env.example"), "-f", "docker-compose.yml"])
            start.ArgumentList.Add(arg);
        if (overrideFile is not null)
        {
            start.ArgumentList.Add("-f");
            start.ArgumentList.Add(overrideFile);
        }
        start.ArgumentList.Add("config");
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var error = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        Assert.True(process.ExitCode == 0, $"docker-compose config failed: {await error}");

        var yaml = new YamlStream();
        yaml.Load(new StringReader(await output));
        return (YamlMappingNode)yaml.Documents[0].RootNode;
    }

    private static YamlMappingNode Service(YamlMappingNode compose, string name) => (YamlMappingNode)Node(compose, "services", name);

    private static YamlNode Node(YamlNode node, params string[] path)
    {
        foreach (var key in path)
            node = ((YamlMappingNode)node).Children.TryGetValue(new YamlScalarNode(key), out var child) ? child : throw new Xunit.Sdk.XunitException($"{string.Join('.', path)} is missing ({key}).");
        return node;
    }

    private static string Scalar(YamlNode node, params string[] path) => ((YamlScalarNode)Node(node, path)).Value ?? "";

    private static List<string> Sequence(YamlNode node, params string[] path) =>
        ((YamlSequenceNode)Node(node, path)).Children.Select(c => ((YamlScalarNode)c).Value ?? "").ToList();
}
