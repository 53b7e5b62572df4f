using Monitor.Agent.Tests.Support;
using Monitor.Shared.Protocol;
using Monitor.Shared.Security;
using Monitor.TestSupport;

namespace Monitor.Agent.Tests.Volumes;

/// <summary>The volume methods are admin only, enforced by the agent itself (raw frames); host.disks is a read.</summary>
public sealed class VolumeRoleTests
{
    [Fact]
    public async Task Viewer_and_operator_keys_are_refused_format_mount_and_unmount_but_a_viewer_may_list_disks()
    {
        await using var agent = await TestAgent.StartAsync();
        await using var loop = await LoopDevice.CreateAsync();
        using var viewer = ConsoleKeyPair.Generate();
        using var @operator = ConsoleKeyPair.Generate();
        await File.AppendAllTextAsync(agent.Config.AuthorizedKeys,
            $"{ConsoleKeyPair.KeyType} {viewer.PublicKeyBase64} role=viewer name=val\n" +
            $"{ConsoleKeyPair.KeyType} {@operator.PublicKeyBase64} role=operator name=otto\n");
        var mountPoint = Path.Combine(agent.WorkDir, "mnt");

        foreach (var (key, role) in new[] { (viewer, "viewer"), (@operator, "operator") })
        {
            await using var client = await RawAgentClient.ConnectAuthenticatedAsync(agent.Url, key);
            foreach (var (method, payload) in new (AgentMethod, object)[]
                     {
                         (AgentMethods.VolumeFormat, new VolumeFormatRequest(loop.Path, "ext4", true)),
                         (AgentMethods.VolumeMount, new VolumeMountRequest(loop.Path, mountPoint, true)),
                         (AgentMethods.VolumeUnmount, new VolumeUnmountRequest(loop.Path)),
                     })
            {
                var answer = await client.AnswerAsync(await client.SendRequestAsync(method.Name, payload));
                Assert.Equal(FrameTypes.Error, answer.Type);
                Assert.Equal(ErrorCodes.Forbidden, answer.Error!.Code);
                Assert.Contains($"is {role}", answer.Error.Message);
            }
            var disks = await client.RequestAsync(AgentMethods.HostDisks, new DisksRequest());
            Assert.Contains(disks.Devices, d => d.Path == loop.Path && d.Type == "loop" && d.SizeBytes == 32L << 20);
        }

        Assert.Null(await loop.FsTypeAsync());
        Assert.False(Directory.Exists(mountPoint));
    }
}
