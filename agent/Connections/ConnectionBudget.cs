using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Monitor.Agent.Connections;

/// <summary>Keeps strangers from starving consoles. Every TCP connection starts unauthenticated and takes a slot of a
/// small budget — overall and per remote address — from accept until its console authenticates (Kestrel's own
/// connection and upgrade limits count strangers and consoles together, so they are left unlimited). A connection
/// over either unauthenticated limit is closed at once, before any HTTP parsing. Once authenticated, a connection
/// moves to the consoles' budget (max_connections) and leaves the per-address count.</summary>
internal sealed class ConnectionBudget(int maxUnauthenticated, int maxUnauthenticatedPerAddress, int maxAuthenticated, RefusalLog refusals)
{
    private readonly object _gate = new();
    private readonly Dictionary<IPAddress, int> _perAddress = [];
    private readonly ConcurrentDictionary<string, Ticket> _tickets = new(StringComparer.Ordinal);
    private int _unauthenticated;
    private int _authenticated;

    public RefusalLog Refusals => refusals;

    public int Unauthenticated { get { lock (_gate) return _unauthenticated; } }
    public int Authenticated { get { lock (_gate) return _authenticated; } }

    /// <summary>Adds the budget check in front of everything else on the listener (TLS and HTTP included).</summary>
    /// <param name="budget">Read when the listener starts (Kestrel configures listeners before the host's services exist).</param>
    public static void Guard(ListenOptions listen, Func<ConnectionBudget> budget) => listen.Use(next =>
    {
        var guard = budget();
        return connection => guard.RunAsync(next, connection);
    });

    private async Task RunAsync(ConnectionDelegate next, ConnectionContext connection)
    {
        var address = (connection.RemoteEndPoint as IPEndPoint)?.Address;
        var refusal = TryOpen(connection.ConnectionId, address);
        if (refusal is not null)
        {
            refusals.Note(address?.ToString(), refusal);
            connection.Abort();
            return;
        }
        try { await next(connection).ConfigureAwait(false); }
        finally { Release(connection.ConnectionId); }
    }

    /// <summary>Null when the connection may proceed, else why it may not.</summary>
    public string? TryOpen(string connectionId, IPAddress? address)
    {
        var key = Normalize(address);
        lock (_gate)
        {
            if (_unauthenticated >= maxUnauthenticated) return "over the unauthenticated connection limit";
            var fromAddress = _perAddress.GetValueOrDefault(key);
            if (fromAddress >= maxUnauthenticatedPerAddress) return "over the per-address limit";
            _perAddress[key] = fromAddress + 1;
            _unauthenticated++;
        }
        _tickets[connectionId] = new Ticket(key);
        return null;
    }

    /// <summary>Moves an authenticated connection to the consoles' budget; false when max_connections consoles are
    /// already connected (the connection keeps its unauthenticated slot until it closes).</summary>
    public bool TryAdmit(string connectionId)
    {
        if (!_tickets.TryGetValue(connectionId, out var ticket)) return true; // not opened through Guard (in-process use)
        lock (_gate)
        {
            if (ticket.Authenticated) return true;
            if (_authenticated >= maxAuthenticated) return false;
            LeaveUnauthenticated(ticket.Address);
            ticket.Authenticated = true;
            _authenticated++;
            return true;
        }
    }

    public void Release(string connectionId)
    {
        if (!_tickets.TryRemove(connectionId, out var ticket)) return;
        lock (_gate)
        {
            if (ticket.Authenticated) _authenticated--;
            else LeaveUnauthenticated(ticket.Address);
        }
    }

    private void LeaveUnauthenticated(IPAddress address)
    {
        _unauthenticated--;
        var left = _perAddress.GetValueOrDefault(address) - 1;
        if (left <= 0) _perAddress.Remove(address);
        else _perAddress[address] = left;
    }

    /// <summary>IPv4 as is; IPv6 by its /64, which one host usually holds whole.</summary>
    private static IPAddress Normalize(IPAddress? address)
    {
        if (address is null) return IPAddress.None;
        if (address.IsIPv4MappedToIPv6) return address.MapToIPv4();
        if (address.AddressFamily != System.Net.Sockets.AddressFamily.InterNetworkV6 || IPAddress.IsLoopback(address)) return address;
        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes);
    }

    private sealed class Ticket(IPAddress address)
    {
        public IPAddress Address { get; } = address;
        public bool Authenticated { get; set; }
    }
}
