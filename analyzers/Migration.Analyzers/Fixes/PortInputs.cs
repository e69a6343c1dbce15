using System;
using Microsoft.CodeAnalysis;

namespace Migration.Analyzers.Fixes;

/// <summary>
/// What a rewrite may need beyond the legacy call: the expressions configured (or resolved earlier) for the
/// client device and the bus, and which types are vendor types the resolver must not walk through.
/// </summary>
internal sealed class PortInputs
{
    /// <summary>Creates the inputs.</summary>
    public PortInputs(string? device, string? bus, Func<ITypeSymbol, bool> isVendorType)
    {
        Device = device;
        Bus = bus;
        IsVendorType = isVendorType;
    }

    /// <summary>The configured device expression, or null to resolve one.</summary>
    public string? Device { get; }

    /// <summary>The configured bus expression, or null to resolve one.</summary>
    public string? Bus { get; }

    /// <summary>True for a type of the vendor API (never walked through to find a value).</summary>
    public Func<ITypeSymbol, bool> IsVendorType { get; }
}
