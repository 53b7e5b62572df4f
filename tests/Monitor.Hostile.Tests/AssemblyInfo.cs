// The floods and the harness load the machine on purpose: run this project's tests one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
