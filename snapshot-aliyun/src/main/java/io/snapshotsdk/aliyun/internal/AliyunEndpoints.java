package io.snapshotsdk.aliyun.internal;

import io.snapshotsdk.aliyun.AliyunSettings;
import java.net.URI;
import java.util.Map;

/**
 * The ECS endpoint of a region: {@code ecs.{region}.aliyuncs.com}, {@code ecs-vpc.{region}.aliyuncs.com}
 * on the VPC network, except for the regions the official ECS client maps elsewhere.
 */
final class AliyunEndpoints {
    // The regional exceptions of the generated ECS client (ecs20140526 Client constructor).
    private static final Map<String, String> EXCEPTIONS = Map.ofEntries(
            Map.entry("cn-hangzhou", "ecs-cn-hangzhou.aliyuncs.com"),
            Map.entry("cn-shanghai-finance-1", "ecs-cn-hangzhou.aliyuncs.com"),
            Map.entry("cn-shenzhen-finance-1", "ecs-cn-hangzhou.aliyuncs.com"),
            Map.entry("cn-north-2-gov-1", "ecs.aliyuncs.com"),
            Map.entry("ap-northeast-2-pop", "ecs.aliyuncs.com"),
            Map.entry("cn-beijing-finance-pop", "ecs.aliyuncs.com"),
            Map.entry("cn-beijing-gov-1", "ecs.aliyuncs.com"),
            Map.entry("cn-beijing-nu16-b01", "ecs-cn-hangzhou.aliyuncs.com"),
            Map.entry("cn-edge-1", "ecs.cn-qingdao-nebula.aliyuncs.com"),
            Map.entry("cn-fujian", "ecs-cn-hangzhou.aliyuncs.com"),
            Map.entry("cn-haidian-cm12-c01", "ecs-cn-hangzhou.aliyuncs.com"),
            Map.entry("cn-hangzhou-bj-b01", "ecs-cn-hangzhou.aliyuncs.com"),
            Map.entry("cn-hangzhou-finance", "ecs.aliyuncs.com"),
            Map.entry("cn-hangzhou-internal-prod-1", "ecs-cn-hangzhou.aliyuncs.com"),
            Map.entry("cn-hangzhou-internal-test-1", "ecs-cn-hangzhou.aliyuncs.com"),
            Map.entry("cn-hangzhou-internal-test-2", "ecs-cn-hangzhou.aliyuncs.com"),
            Map.entry("cn-hangzhou-internal-test-3", "ecs-cn-hangzhou.aliyuncs.com"),
            Map.entry("cn-hangzhou-test-306", "ecs-cn-hangzhou.aliyuncs.com"),
            Map.entry("cn-hongkong-finance-pop", "ecs.aliyuncs.com"),
            Map.entry("cn-huhehaote-nebula-1", "ecs.cn-qingdao-nebula.aliyuncs.com"),
            Map.entry("cn-shanghai-et15-b01", "ecs-cn-hangzhou.aliyuncs.com"),
            Map.entry("cn-shanghai-et2-b01", "ecs-cn-hangzhou.aliyuncs.com"),
            Map.entry("cn-shanghai-inner", "ecs.aliyuncs.com"),
            Map.entry("cn-shanghai-internal-test-1", "ecs-cn-hangzhou.aliyuncs.com"),
            Map.entry("cn-shenzhen-inner", "ecs.aliyuncs.com"),
            Map.entry("cn-shenzhen-st4-d01", "ecs-cn-hangzhou.aliyuncs.com"),
            Map.entry("cn-shenzhen-su18-b01", "ecs-cn-hangzhou.aliyuncs.com"),
            Map.entry("cn-wuhan", "ecs.aliyuncs.com"),
            Map.entry("cn-yushanfang", "ecs.aliyuncs.com"),
            Map.entry("cn-zhangbei", "ecs.aliyuncs.com"),
            Map.entry("cn-zhangbei-na61-b01", "ecs-cn-hangzhou.aliyuncs.com"),
            Map.entry("cn-zhangjiakou-na62-a01", "ecs.cn-zhangjiakou.aliyuncs.com"),
            Map.entry("cn-zhengzhou-nebula-1", "ecs.cn-qingdao-nebula.aliyuncs.com"),
            Map.entry("eu-west-1-oxs", "ecs.cn-shenzhen-cloudstone.aliyuncs.com"),
            Map.entry("rus-west-1-pop", "ecs.aliyuncs.com"));

    private AliyunEndpoints() {}

    static URI of(String region, AliyunSettings.Network network) {
        if (network == AliyunSettings.Network.VPC) {
            return URI.create("https://ecs-vpc." + region + ".aliyuncs.com");
        }
        return URI.create("https://" + EXCEPTIONS.getOrDefault(region, "ecs." + region + ".aliyuncs.com"));
    }
}
