using Monitor.Control.Services;
using Monitor.Control.Stacks;
using Monitor.Shared.Config;
using Monitor.Shared.Models;

namespace Monitor.Stacks.Tests;

public sealed class StackModelTests
{
    [Fact]
    public void Next_version_is_patch_one_when_nothing_was_built() =>
        Assert.Equal("0.0.1", StackVersion.Next("0.0", []).ToString());

    [Fact]
    public void Next_version_increases_the_highest_patch_of_the_same_major_minor() =>
        Assert.Equal("1.2.8", StackVersion.Next("1.2", ["1.2.3", "1.2.7", "1.3.9", "0.0.1", "junk"]).ToString());

    [Theory]
    [InlineData("8080:80", null, 8080, 80, "tcp")]
    [InlineData("127.0.0.1:9000:8080", "127.0.0.1", 9000, 8080, "tcp")]
    [InlineData("5353:53/udp", null, 5353, 53, "udp")]
    public void Port_specs_parse_like_docker(string text, string? ip, int host, int container, string protocol)
    {
        var port = PortSpec.Parse(text, "web");
        Assert.Equal((ip, host, container, protocol), (port.HostIp, port.HostPort, port.ContainerPort, port.Protocol));
    }

    [Theory]
    [InlineData("80")]
    [InlineData("a:80")]
    [InlineData("1:2:3:4")]
    [InlineData("70000:80")]
    [InlineData("80:80/sctp")]
    public void Bad_port_specs_say_how_to_write_them(string text)
    {
        var error = Assert.Throws<OperationFailedException>(() => PortSpec.Parse(text, "web"));
        Assert.Contains("HOST_PORT:CONTAINER_PORT", error.Message);
    }

    [Fact]
    public void A_target_override_replaces_ports_and_container_name_on_that_server_only()
    {
        var stack = new StackConfig
        {
            Name = "web",
            Deploy = new StackDeployConfig
            {
                Targets = ["a", "b"], Ports = ["8080:80"], Memory = "64m", Cpus = 0.5, Args = ["--flag"],
                Overrides = new() { ["b"] = new StackTargetOverride { ContainerName = "web-b", Ports = ["9090:80"] } },
            },
        };
        var a = ContainerSpecFactory.Create(stack, "a", "img:1", "0.0.1");
        var b = ContainerSpecFactory.Create(stack, "b", "img:1", "0.0.1");
        Assert.Equal(("web", 8080), (a.Name, a.Ports![0].HostPort));
        Assert.Equal(("web-b", 9090), (b.Name, b.Ports![0].HostPort));
        Assert.Equal(64L * 1024 * 1024, a.MemoryBytes);
        Assert.Equal("web", a.Labels![ContainerSpecFactory.StackLabel]);
        Assert.Equal("0.0.1", a.Labels[ContainerSpecFactory.VersionLabel]);
        Assert.Equal(["--flag"], a.Args!);
    }

    [Fact]
    public void Secret_env_values_come_from_the_console_environment_and_are_masked_in_records()
    {
        var variable = "MT_SECRET_" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        Environment.SetEnvironmentVariable(variable, "s3cr3t-value");
        try
        {
            var stack = new StackConfig { Name = "web", Deploy = new StackDeployConfig { SecretEnv = new() { ["DB_PASSWORD"] = variable } } };
            var spec = ContainerSpecFactory.Create(stack, "a", "img:1", null);
            Assert.Equal("s3cr3t-value", spec.Env!["DB_PASSWORD"]);
            Assert.Equal(["s3cr3t-value"], ContainerSpecFactory.SecretValues(stack));
        }
        finally { Environment.SetEnvironmentVariable(variable, null); }
    }

    [Fact]
    public void A_missing_secret_env_var_is_reported_by_name()
    {
        var stack = new StackConfig { Name = "web", Deploy = new StackDeployConfig { SecretEnv = new() { ["TOKEN"] = "MT_DOES_NOT_EXIST_42" } } };
        var error = Assert.Throws<OperationFailedException>(() => ContainerSpecFactory.Create(stack, "a", "img:1", null));
        Assert.Contains("MT_DOES_NOT_EXIST_42 is not set", error.Message);
    }

    [Fact]
    public void Image_references_split_into_repository_and_tag()
    {
        Assert.Equal(("127.0.0.1:5000/web", "0.0.1"), ImageReference.Split("127.0.0.1:5000/web:0.0.1"));
        Assert.Equal(("127.0.0.1:5000/web", "latest"), ImageReference.Split("127.0.0.1:5000/web"));
        Assert.Equal(("nginx", "1.27"), ImageReference.Split("nginx:1.27"));
    }

    [Fact]
    public void Invalid_stack_names_are_refused()
    {
        var error = Assert.Throws<OperationFailedException>(() => StackRules.Validate(new StackConfig { Name = "-rm" }));
        Assert.Contains("stack name '-rm' is not valid", error.Message);
    }

    [Fact]
    public void The_changed_fields_of_a_stack_are_named_one_level_deep()
    {
        var current = new StackConfig { Name = "web", Image = "a:1", Deploy = new StackDeployConfig { Targets = ["a"], Ports = ["1:1"] } };
        var wanted = new StackConfig { Name = "web", Image = "a:2", Deploy = new StackDeployConfig { Targets = ["a"], Ports = ["2:2"] }, Repo = new StackRepoConfig { Url = "x" } };
        Assert.Equal(["deploy.ports", "image", "repo"], SyncPlanner.ChangedFields(current, wanted).Order());
    }
}
