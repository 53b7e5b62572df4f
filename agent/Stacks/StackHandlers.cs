using Docker.DotNet;
using Monitor.Shared.Protocol;

namespace Monitor.Agent.Stacks;

/// <summary>Registers the stack methods (git, images, container run/wait, compose).</summary>
public static partial class StackHandlers
{
    public static void RegisterInto(IStackMethodSink sink, DockerClient docker, string workDir, string dockerHost)
    {
        Directory.CreateDirectory(workDir);
        var git = new GitSyncHandler(workDir);
        var build = new ImageBuildHandler(docker, workDir);
        var images = new ImageTransferHandler(docker);
        var run = new ContainerRunHandler(docker);
        var wait = new ContainerWaitHandler(docker);
        var compose = new ComposeHandler(docker, workDir, dockerHost, new Commands.CommandRunner(workDir));

        sink.Handle(AgentMethods.GitSync, git.SyncAsync);
        sink.Handle(AgentMethods.ImageBuild, build.BuildAsync);
        sink.Handle(AgentMethods.ImageTag, images.TagAsync);
        sink.Handle(AgentMethods.ImagePush, images.PushAsync);
        sink.Handle(AgentMethods.ImagePull, images.PullAsync);
        sink.Handle(AgentMethods.ContainerRun, run.RunAsync);
        sink.Handle(AgentMethods.ContainerWait, wait.WaitAsync);
        sink.Handle(AgentMethods.ComposeUp, compose.UpAsync);
        sink.Handle(AgentMethods.ComposeDown, compose.DownAsync);
        sink.Handle(AgentMethods.ComposePull, compose.PullAsync);
        sink.Handle(AgentMethods.ComposePs, compose.PsAsync);
    }
}
