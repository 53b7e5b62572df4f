// Terminal.Gui keeps some process-wide state; view tests run one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
