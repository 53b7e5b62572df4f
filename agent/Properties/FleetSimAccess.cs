using System.Runtime.CompilerServices;

// The fleet simulator (tools/FleetSim) serves its simulated servers through the agent's own connection code
// (handshake, key auth, dispatcher, frame writer) instead of a copy of it.
[assembly: InternalsVisibleTo("FleetSim")]
