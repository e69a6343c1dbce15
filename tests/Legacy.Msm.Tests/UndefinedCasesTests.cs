namespace Legacy.Msm.Tests;

/// <summary>
/// A first-level section misread as a table pointer (msm.md §5.5 step 4, §5.7 step 4): the driver uses
/// section &amp; 0xFFFFFC00 as a second-level table and writes into the section's physical memory.
/// </summary>
public class UndefinedCasesTests
{
    [Fact]
    public void A4KMapUnderASection_WritesIntoTheSectionMemory()
    {
        var rig = new LegacyMsmRig();
        Assert.Equal(0, rig.Core.IommuMap(rig.D, 0x40000000, 0x8A300000, 8, 0));
        uint section = rig.FlEntry(0x40000000);
        Assert.Equal(0x8A330C06u, section);
        int pages = rig.Soc.Pages.AllocatedPages;

        Assert.Equal(0, rig.Core.IommuMap(rig.D, 0x40023000, 0x8B000000, 0, 0));
        // (section & 0xFFFFFC00) + 4 * SL_OFFSET(va): the section's attribute bits leak into the address.
        uint target = (section & 0xFFFFFC00) + 4 * 0x23;
        Assert.Equal(0x8A330C8Cu, target);
        Assert.Equal(0x8B000C36u, rig.Word(target));
        Assert.Equal(1, rig.Pt.UndefinedWrites);
        Assert.Equal(section, rig.FlEntry(0x40000000)); // the section stays
        Assert.Equal(pages, rig.Soc.Pages.AllocatedPages); // no SL table allocated
        // The hardware still sees the section.
        Assert.Equal(0x8A323456u, rig.Core.IommuIovaToPhys(rig.D, 0x40023456));
    }

    [Fact]
    public void A64KMapUnderASection_WritesSixteenWordsIntoIt()
    {
        var rig = new LegacyMsmRig();
        Assert.Equal(0, rig.Core.IommuMap(rig.D, 0x40000000, 0x8A300000, 8, 1));
        uint section = rig.FlEntry(0x40000000);
        Assert.Equal(0x8A331C0Eu, section);
        Assert.Equal(0, rig.Core.IommuMap(rig.D, 0x40050000, 0x8B050000, 4, 0));
        uint table = section & 0xFFFFFC00;
        for (uint i = 0x4F; i <= 0x60; i++)
            Assert.Equal(i is >= 0x50 and < 0x60 ? 0x8B050C35u : 0u, rig.Word(table + 4 * i));
        Assert.Equal(1, rig.Pt.UndefinedWrites);
    }

    [Fact]
    public void A4KUnmapUnderAZeroSection_FreesNothingRealAndClearsTheSlot()
    {
        // §5.7 step 4: the slot is cleared in the section's memory, all 256 words read 0, so the driver
        // "frees" the section base (a wild free) and zeroes the FL slot: the section is gone.
        var rig = new LegacyMsmRig();
        Assert.Equal(0, rig.Core.IommuMap(rig.D, 0x40000000, 0x8A300000, 8, 0));
        int pages = rig.Soc.Pages.AllocatedPages;
        Assert.Equal(0, rig.Core.IommuUnmap(rig.D, 0x40023000, 0));
        Assert.Equal(1, rig.Pt.UndefinedWrites);
        Assert.Equal(1, rig.Pt.WildFrees);
        Assert.Equal(0u, rig.FlEntry(0x40000000));
        Assert.Equal(pages, rig.Soc.Pages.AllocatedPages);
    }

    [Fact]
    public void A4KUnmapUnderASectionWithData_KeepsTheSection()
    {
        var rig = new LegacyMsmRig();
        Assert.Equal(0, rig.Core.IommuMap(rig.D, 0x40000000, 0x8A300000, 8, 0));
        uint table = rig.FlEntry(0x40000000) & 0xFFFFFC00;
        rig.Soc.Memory.WriteWord(table + 4 * 0x80, 0x12345678); // device data inside the section
        rig.Soc.Memory.WriteWord(table + 4 * 0x23, 0xCAFEF00D);
        Assert.Equal(0, rig.Core.IommuUnmap(rig.D, 0x40023000, 0));
        Assert.Equal(0u, rig.Word(table + 4 * 0x23)); // the driver zeroed a word of the section's memory
        Assert.Equal(0x12345678u, rig.Word(table + 4 * 0x80));
        Assert.Equal(0x8A330C06u, rig.FlEntry(0x40000000));
        Assert.Equal(1, rig.Pt.UndefinedWrites);
        Assert.Equal(0, rig.Pt.WildFrees);
    }
}
