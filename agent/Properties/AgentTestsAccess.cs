using System.Runtime.CompilerServices;

// Unit tests of internal pieces (the frame writer's byte bound) that a whole connection cannot hold still.
[assembly: InternalsVisibleTo("Monitor.Agent.Tests")]
