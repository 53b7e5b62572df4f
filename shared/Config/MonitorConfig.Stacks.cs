namespace Monitor.Shared.Config;

public sealed partial class MonitorConfig
{
    /// <summary>[[stacks]]: workloads applied to the store by `monitor sync`.</summary>
    public List<StackConfig> Stacks { get; set; } = [];
    /// <summary>[registry]: where built images are pushed and deploy targets pull from.</summary>
    public RegistryConfig? Registry { get; set; }
}
