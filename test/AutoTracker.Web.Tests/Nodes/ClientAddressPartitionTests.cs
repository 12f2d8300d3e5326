using System.Net;
using AutoTracker.Hosting;

namespace AutoTracker.Web.Tests.Nodes;

public sealed class ClientAddressPartitionTests
{
    [Theory]
    [InlineData("203.0.113.7", "203.0.113.7")]
    [InlineData("::ffff:203.0.113.7", "203.0.113.7")]
    [InlineData("2001:db8:1:2:aaaa:bbbb:cccc:dddd", "2001:db8:1:2::/64")]
    [InlineData("2001:db8:1:2::1", "2001:db8:1:2::/64")]
    [InlineData("::1", "::/64")]
    public void Partition_Address_GroupsAsExpected(string address, string expected)
    {
        RateLimits.ClientAddressPartition(IPAddress.Parse(address)).ShouldBe(expected);
    }

    [Fact]
    public void Partition_NoAddress_IsUnknown()
    {
        RateLimits.ClientAddressPartition(null).ShouldBe("unknown");
    }
}
