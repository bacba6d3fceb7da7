package io.erplink.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;

/**
 * What erplink's manifests must satisfy beyond the schema, checked on the chart's renders and on
 * k8s/ alike: the restricted Pod Security Standard, the health probes, resources, and references
 * between objects (Service, PDB, HPA, ServiceMonitor and NetworkPolicy select or target a
 * Deployment that exists; ConfigMaps and the ServiceAccount a pod uses exist).
 */
final class Policies {

    private Policies() {}

    /** Every pod spec among the objects, named "Kind/name". */
    static Map<String, PodSpec> podSpecs(List<HasMetadata> objects) {
        Map<String, PodSpec> specs = new java.util.LinkedHashMap<>();
        for (HasMetadata o : objects) {
            if (o instanceof Deployment d) {
                specs.put(
                        "Deployment/" + d.getMetadata().getName(),
                        d.getSpec().getTemplate().getSpec());
            } else if (o instanceof Pod p) {
                specs.put("Pod/" + p.getMetadata().getName(), p.getSpec());
            }
        }
        return specs;
    }

    /** The restricted Pod Security Standard (Kubernetes 1.25+), plus a read-only root with /tmp on an emptyDir. */
    static List<String> restrictedPss(String where, PodSpec spec) {
        List<String> problems = new ArrayList<>();
        PodSecurityContext pod = spec.getSecurityContext();
        check(!Boolean.TRUE.equals(spec.getHostNetwork()), where + ": hostNetwork", problems);
        check(!Boolean.TRUE.equals(spec.getHostPID()), where + ": hostPID", problems);
        check(!Boolean.TRUE.equals(spec.getHostIPC()), where + ": hostIPC", problems);
        List<Volume> volumes = spec.getVolumes() == null ? List.of() : spec.getVolumes();
        for (Volume v : volumes) {
            check(v.getHostPath() == null, where + ": hostPath volume " + v.getName(), problems);
        }
        boolean podNonRoot = pod != null && Boolean.TRUE.equals(pod.getRunAsNonRoot());
        boolean podSeccomp = pod != null
                && pod.getSeccompProfile() != null
                && "RuntimeDefault".equals(pod.getSeccompProfile().getType());
        Long podUser = pod == null ? null : pod.getRunAsUser();
        check(podUser == null || podUser > 0, where + ": pod runAsUser 0", problems);
        List<Container> containers = new ArrayList<>(spec.getContainers());
        if (spec.getInitContainers() != null) {
            containers.addAll(spec.getInitContainers());
        }
        for (Container c : containers) {
            String cw = where + " container " + c.getName();
            SecurityContext sc = c.getSecurityContext();
            if (sc == null) {
                problems.add(cw + ": no securityContext");
                continue;
            }
            check(
                    Boolean.FALSE.equals(sc.getAllowPrivilegeEscalation()),
                    cw + ": allowPrivilegeEscalation must be false",
                    problems);
            check(!Boolean.TRUE.equals(sc.getPrivileged()), cw + ": privileged", problems);
            check(
                    sc.getCapabilities() != null
                            && sc.getCapabilities().getDrop() != null
                            && sc.getCapabilities().getDrop().contains("ALL"),
                    cw + ": capabilities.drop must contain ALL",
                    problems);
            check(
                    sc.getCapabilities() == null
                            || sc.getCapabilities().getAdd() == null
                            || sc.getCapabilities().getAdd().stream().allMatch("NET_BIND_SERVICE"::equals),
                    cw + ": adds capabilities",
                    problems);
            check(
                    podNonRoot || Boolean.TRUE.equals(sc.getRunAsNonRoot()),
                    cw + ": runAsNonRoot must be true",
                    problems);
            check(!Boolean.FALSE.equals(sc.getRunAsNonRoot()), cw + ": runAsNonRoot false", problems);
            Long user = sc.getRunAsUser() != null ? sc.getRunAsUser() : podUser;
            check(user != null && user > 0, cw + ": runAsUser must be set and non-zero", problems);
            check(
                    podSeccomp
                            || (sc.getSeccompProfile() != null
                                    && "RuntimeDefault"
                                            .equals(sc.getSeccompProfile().getType())),
                    cw + ": seccompProfile RuntimeDefault",
                    problems);
            check(
                    sc.getSeccompProfile() == null
                            || !"Unconfined".equals(sc.getSeccompProfile().getType()),
                    cw + ": seccompProfile Unconfined",
                    problems);
            check(
                    Boolean.TRUE.equals(sc.getReadOnlyRootFilesystem()),
                    cw + ": readOnlyRootFilesystem must be true",
                    problems);
            if (c.getPorts() != null) {
                c.getPorts()
                        .forEach(p ->
                                check(p.getHostPort() == null || p.getHostPort() == 0, cw + ": hostPort", problems));
            }
            String tmpVolume = c.getVolumeMounts() == null
                    ? null
                    : c.getVolumeMounts().stream()
                            .filter(m -> "/tmp".equals(m.getMountPath()))
                            .map(m -> m.getName())
                            .findFirst()
                            .orElse(null);
            check(
                    tmpVolume != null
                            && volumes.stream().anyMatch(v -> v.getName().equals(tmpVolume) && v.getEmptyDir() != null),
                    cw + ": /tmp must be an emptyDir mount (the root filesystem is read-only)",
                    problems);
        }
        return problems;
    }

    /** A service container: the three Quarkus health probes on the http port, requests and a memory limit. */
    static List<String> serviceContainer(String where, Container c) {
        List<String> problems = new ArrayList<>();
        checkProbe(where + " startupProbe", c.getStartupProbe(), "/q/health/started", problems);
        checkProbe(where + " livenessProbe", c.getLivenessProbe(), "/q/health/live", problems);
        checkProbe(where + " readinessProbe", c.getReadinessProbe(), "/q/health/ready", problems);
        check(
                c.getPorts() != null
                        && c.getPorts().stream()
                                .anyMatch(p -> p.getContainerPort() == 8080 && "http".equals(p.getName())),
                where + ": container port 8080 named http",
                problems);
        var resources = c.getResources();
        check(
                resources != null
                        && resources.getRequests() != null
                        && resources.getRequests().containsKey("cpu")
                        && resources.getRequests().containsKey("memory"),
                where + ": cpu and memory requests",
                problems);
        check(
                resources != null
                        && resources.getLimits() != null
                        && resources.getLimits().containsKey("memory"),
                where + ": memory limit",
                problems);
        return problems;
    }

    private static void checkProbe(String where, Probe probe, String path, List<String> problems) {
        check(
                probe != null
                        && probe.getHttpGet() != null
                        && path.equals(probe.getHttpGet().getPath())
                        && probe.getHttpGet().getPort() != null
                        && ("http".equals(probe.getHttpGet().getPort().getStrVal())
                                || Integer.valueOf(8080)
                                        .equals(probe.getHttpGet().getPort().getIntVal())),
                where + " must GET " + path + " on the http port",
                problems);
    }

    /** References between objects. */
    static List<String> references(List<HasMetadata> objects) {
        List<String> problems = new ArrayList<>();
        List<Deployment> deployments = of(objects, Deployment.class);
        Set<String> configMaps = of(objects, ConfigMap.class).stream()
                .map(c -> c.getMetadata().getName())
                .collect(Collectors.toSet());
        Set<String> serviceAccounts = of(objects, ServiceAccount.class).stream()
                .map(s -> s.getMetadata().getName())
                .collect(Collectors.toSet());
        for (Deployment d : deployments) {
            PodSpec spec = d.getSpec().getTemplate().getSpec();
            String where = "Deployment/" + d.getMetadata().getName();
            String sa = spec.getServiceAccountName();
            check(
                    sa == null || "default".equals(sa) || serviceAccounts.contains(sa),
                    where + ": ServiceAccount " + sa + " missing",
                    problems);
            for (Container c : spec.getContainers()) {
                if (c.getEnvFrom() != null) {
                    c.getEnvFrom().stream()
                            .filter(e -> e.getConfigMapRef() != null)
                            .forEach(e -> check(
                                    configMaps.contains(e.getConfigMapRef().getName())
                                            || Boolean.TRUE.equals(
                                                    e.getConfigMapRef().getOptional()),
                                    where + ": envFrom ConfigMap "
                                            + e.getConfigMapRef().getName() + " missing",
                                    problems));
                }
            }
        }
        for (Service s : of(objects, Service.class)) {
            List<Deployment> targets = selected(deployments, s.getSpec().getSelector());
            check(!targets.isEmpty(), "Service/" + s.getMetadata().getName() + " selects no Deployment", problems);
            s.getSpec().getPorts().forEach(p -> {
                String target =
                        p.getTargetPort() == null ? null : p.getTargetPort().getStrVal();
                if (target != null) {
                    check(
                            targets.stream()
                                    .allMatch(d -> d.getSpec().getTemplate().getSpec().getContainers().stream()
                                            .anyMatch(c -> c.getPorts() != null
                                                    && c.getPorts().stream()
                                                            .anyMatch(cp -> target.equals(cp.getName())))),
                            "Service/" + s.getMetadata().getName() + ": targetPort " + target + " is no container port",
                            problems);
                }
            });
        }
        for (PodDisruptionBudget pdb : of(objects, PodDisruptionBudget.class)) {
            check(
                    selected(deployments, matchLabels(pdb.getSpec().getSelector()))
                                    .size()
                            == 1,
                    "PodDisruptionBudget/" + pdb.getMetadata().getName() + " must select exactly one Deployment",
                    problems);
        }
        for (HorizontalPodAutoscaler hpa : of(objects, HorizontalPodAutoscaler.class)) {
            var ref = hpa.getSpec().getScaleTargetRef();
            Deployment target = deployments.stream()
                    .filter(d -> "Deployment".equals(ref.getKind())
                            && "apps/v1".equals(ref.getApiVersion())
                            && d.getMetadata().getName().equals(ref.getName()))
                    .findFirst()
                    .orElse(null);
            check(
                    target != null,
                    "HorizontalPodAutoscaler/" + hpa.getMetadata().getName() + " targets missing " + ref.getKind() + "/"
                            + ref.getName(),
                    problems);
            check(
                    target == null || target.getSpec().getReplicas() == null,
                    "Deployment/" + ref.getName()
                            + " sets replicas although an HPA scales it (every apply would reset the HPA's count)",
                    problems);
            check(
                    hpa.getSpec().getMetrics() != null
                            && hpa.getSpec().getMetrics().stream()
                                    .anyMatch(m -> m.getResource() != null
                                            && "cpu".equals(m.getResource().getName())),
                    "HorizontalPodAutoscaler/" + hpa.getMetadata().getName() + " has no cpu metric",
                    problems);
            check(
                    target == null
                            || target.getSpec().getTemplate().getSpec().getContainers().stream()
                                    .allMatch(c -> c.getResources() != null
                                            && c.getResources().getRequests() != null
                                            && c.getResources().getRequests().containsKey("cpu")),
                    "HPA target " + ref.getName() + " needs cpu requests for a utilization target",
                    problems);
        }
        List<Service> services = of(objects, Service.class);
        for (ServiceMonitor sm : of(objects, ServiceMonitor.class)) {
            Map<String, String> selector = sm.getSpec().getSelector().getMatchLabels();
            List<Service> matched = services.stream()
                    .filter(s -> s.getMetadata().getLabels() != null
                            && s.getMetadata().getLabels().entrySet().containsAll(selector.entrySet()))
                    .toList();
            check(!matched.isEmpty(), "ServiceMonitor/" + sm.getMetadata().getName() + " selects no Service", problems);
            sm.getSpec()
                    .getEndpoints()
                    .forEach(e -> check(
                            "/q/metrics".equals(e.getPath())
                                    && matched.stream()
                                            .allMatch(s -> s.getSpec().getPorts().stream()
                                                    .anyMatch(p -> Objects.equals(p.getName(), e.getPort()))),
                            "ServiceMonitor/" + sm.getMetadata().getName()
                                    + ": endpoint must scrape /q/metrics on a named Service port",
                            problems));
        }
        for (var ingress : of(objects, io.fabric8.kubernetes.api.model.networking.v1.Ingress.class)) {
            ingress.getSpec()
                    .getRules()
                    .forEach(rule -> rule.getHttp().getPaths().forEach(path -> {
                        var backend = path.getBackend().getService();
                        Service target = services.stream()
                                .filter(s -> s.getMetadata().getName().equals(backend.getName()))
                                .findFirst()
                                .orElse(null);
                        check(
                                target != null
                                        && target.getSpec().getPorts().stream()
                                                .anyMatch(p -> Objects.equals(
                                                                p.getName(),
                                                                backend.getPort()
                                                                        .getName())
                                                        || Objects.equals(
                                                                p.getPort(),
                                                                backend.getPort()
                                                                        .getNumber())),
                                "Ingress/" + ingress.getMetadata().getName() + " routes to a missing Service or port "
                                        + backend.getName(),
                                problems);
                    }));
        }
        for (NetworkPolicy np : of(objects, NetworkPolicy.class)) {
            check(
                    selected(deployments, matchLabels(np.getSpec().getPodSelector()))
                                    .size()
                            == 1,
                    "NetworkPolicy/" + np.getMetadata().getName() + " must select exactly one Deployment",
                    problems);
        }
        return problems;
    }

    static <T> List<T> of(List<HasMetadata> objects, Class<T> type) {
        return objects.stream().filter(type::isInstance).map(type::cast).toList();
    }

    static Map<String, String> matchLabels(LabelSelector selector) {
        if (selector == null
                || selector.getMatchExpressions() != null
                        && !selector.getMatchExpressions().isEmpty()) {
            throw new AssertionError("selectors here use matchLabels only: " + selector);
        }
        return selector.getMatchLabels() == null ? Map.of() : selector.getMatchLabels();
    }

    static List<Deployment> selected(List<Deployment> deployments, Map<String, String> selector) {
        if (selector == null || selector.isEmpty()) {
            return List.of();
        }
        return deployments.stream()
                .filter(d -> d.getSpec()
                        .getTemplate()
                        .getMetadata()
                        .getLabels()
                        .entrySet()
                        .containsAll(selector.entrySet()))
                .toList();
    }

    private static void check(boolean ok, String problem, List<String> problems) {
        if (!ok) {
            problems.add(problem);
        }
    }
}
