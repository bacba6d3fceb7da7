package io.erplink.deploy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.BeanDeserializerBuilder;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.type.LogicalType;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;

/**
 * Validates rendered objects against the Kubernetes object model (the fabric8 classes generated
 * from the Kubernetes OpenAPI schema, and the Prometheus Operator's ServiceMonitor), offline.
 *
 * <p>The fabric8 classes keep unknown fields in an "additionalProperties" map; this mapper removes
 * that any-setter from every class, so an unknown or misspelt field fails with its full path, as
 * the API server's strict field validation would. Scalars are not coerced: "2" is no integer and 2
 * is no string. On top of the types it checks what the schema marks required and what the API
 * server validates by name: DNS-1123 names, label syntax, unique container/volume/port names,
 * mounts of declared volumes, probes on declared ports.
 */
final class KubernetesValidator {

    /** apiVersion + kind -> model class. Anything else is rejected: the chart must not render it. */
    static final Map<String, Class<? extends HasMetadata>> KINDS = Map.ofEntries(
            Map.entry("v1/ConfigMap", ConfigMap.class),
            Map.entry("v1/Secret", Secret.class),
            Map.entry("v1/Service", Service.class),
            Map.entry("v1/ServiceAccount", ServiceAccount.class),
            Map.entry("v1/Pod", Pod.class),
            Map.entry("apps/v1/Deployment", Deployment.class),
            Map.entry("autoscaling/v2/HorizontalPodAutoscaler", HorizontalPodAutoscaler.class),
            Map.entry("policy/v1/PodDisruptionBudget", PodDisruptionBudget.class),
            Map.entry("networking.k8s.io/v1/NetworkPolicy", NetworkPolicy.class),
            Map.entry("networking.k8s.io/v1/Ingress", io.fabric8.kubernetes.api.model.networking.v1.Ingress.class),
            Map.entry("monitoring.coreos.com/v1/ServiceMonitor", ServiceMonitor.class),
            Map.entry(
                    "monitoring.coreos.com/v1/PrometheusRule",
                    io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule.class));

    private static final Pattern DNS_1123_SUBDOMAIN =
            Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
    private static final Pattern DNS_1123_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    private static final Pattern LABEL_NAME = Pattern.compile("([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)?");
    private static final Pattern ENV_NAME = Pattern.compile("[-._a-zA-Z][-._a-zA-Z0-9]*");

    static final ObjectMapper STRICT = strictMapper();

    private KubernetesValidator() {}

    private static ObjectMapper strictMapper() {
        SimpleModule noAnySetter = new SimpleModule("no-additional-properties");
        noAnySetter.setDeserializerModifier(new BeanDeserializerModifier() {
            @Override
            public BeanDeserializerBuilder updateBuilder(
                    DeserializationConfig config, BeanDescription bean, BeanDeserializerBuilder builder) {
                if (bean.getBeanClass().getName().startsWith("io.fabric8.")) {
                    builder.setAnySetter(null);
                }
                return builder;
            }
        });
        JsonMapper mapper = JsonMapper.builder()
                .addModule(noAnySetter)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .build();
        // No scalar coercion: a string is no number or boolean, and a number or boolean is no string.
        mapper.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Integer)
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Float)
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Boolean)
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
        return mapper;
    }

    /** Validates one object; returns the typed object, or throws an AssertionError naming every problem. */
    static HasMetadata validate(ObjectNode object, String origin) {
        String key = object.path("apiVersion").asText() + "/" + Manifests.kind(object);
        Class<? extends HasMetadata> type = KINDS.get(key);
        if (type == null) {
            throw new AssertionError(origin + ": " + Manifests.id(object) + ": unsupported apiVersion/kind " + key
                    + " (known: " + KINDS.keySet() + ")");
        }
        HasMetadata typed;
        try {
            typed = STRICT.treeToValue(object, type);
        } catch (Exception e) {
            throw new AssertionError(
                    origin + ": " + Manifests.id(object) + " does not match the " + key + " schema: " + e.getMessage(),
                    e);
        }
        List<String> problems = new ArrayList<>();
        checkMetadata(typed, problems);
        if (typed instanceof Deployment d) {
            require(d.getSpec() != null && d.getSpec().getSelector() != null, "spec.selector is required", problems);
            require(d.getSpec() != null && d.getSpec().getTemplate() != null, "spec.template is required", problems);
            if (d.getSpec() != null && d.getSpec().getTemplate() != null) {
                Map<String, String> podLabels =
                        d.getSpec().getTemplate().getMetadata().getLabels();
                Map<String, String> selector = d.getSpec().getSelector().getMatchLabels();
                require(
                        selector != null
                                && !selector.isEmpty()
                                && podLabels != null
                                && podLabels.entrySet().containsAll(selector.entrySet()),
                        "spec.selector must match spec.template.metadata.labels",
                        problems);
                checkLabels(podLabels, "spec.template.metadata.labels", problems);
                checkPodSpec(d.getSpec().getTemplate().getSpec(), "spec.template.spec", problems);
            }
        } else if (typed instanceof Pod p) {
            checkPodSpec(p.getSpec(), "spec", problems);
        } else if (typed instanceof Service s) {
            require(
                    s.getSpec() != null
                            && s.getSpec().getPorts() != null
                            && !s.getSpec().getPorts().isEmpty(),
                    "spec.ports is required",
                    problems);
            if (s.getSpec() != null && s.getSpec().getPorts() != null) {
                s.getSpec()
                        .getPorts()
                        .forEach(port -> require(
                                port.getPort() != null && port.getPort() > 0 && port.getPort() < 65536,
                                "spec.ports[].port must be 1-65535",
                                problems));
            }
        } else if (typed instanceof HorizontalPodAutoscaler h) {
            require(
                    h.getSpec() != null
                            && h.getSpec().getScaleTargetRef() != null
                            && h.getSpec().getScaleTargetRef().getName() != null,
                    "spec.scaleTargetRef is required",
                    problems);
            require(
                    h.getSpec() != null && h.getSpec().getMaxReplicas() != null,
                    "spec.maxReplicas is required",
                    problems);
            if (h.getSpec() != null
                    && h.getSpec().getMinReplicas() != null
                    && h.getSpec().getMaxReplicas() != null) {
                require(
                        h.getSpec().getMinReplicas() <= h.getSpec().getMaxReplicas(),
                        "minReplicas > maxReplicas",
                        problems);
            }
        } else if (typed instanceof PodDisruptionBudget pdb) {
            require(
                    pdb.getSpec() != null
                            && (pdb.getSpec().getMinAvailable() == null)
                                    != (pdb.getSpec().getMaxUnavailable() == null),
                    "spec needs exactly one of minAvailable and maxUnavailable",
                    problems);
        } else if (typed instanceof ServiceMonitor sm) {
            require(
                    sm.getSpec() != null
                            && sm.getSpec().getEndpoints() != null
                            && !sm.getSpec().getEndpoints().isEmpty(),
                    "spec.endpoints is required",
                    problems);
            require(sm.getSpec() != null && sm.getSpec().getSelector() != null, "spec.selector is required", problems);
        } else if (typed instanceof NetworkPolicy np) {
            require(
                    np.getSpec() != null && np.getSpec().getPodSelector() != null,
                    "spec.podSelector is required",
                    problems);
        }
        if (!problems.isEmpty()) {
            throw new AssertionError(origin + ": " + Manifests.id(object) + ": " + String.join("; ", problems));
        }
        return typed;
    }

    static List<HasMetadata> validateAll(List<ObjectNode> objects, String origin) {
        List<HasMetadata> typed = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (ObjectNode object : objects) {
            typed.add(validate(object, origin));
            String id = object.path("apiVersion").asText() + "/" + Manifests.id(object);
            if (!ids.add(id)) {
                throw new AssertionError(origin + ": " + id + " is defined twice");
            }
        }
        return typed;
    }

    private static void checkMetadata(HasMetadata object, List<String> problems) {
        if (object.getMetadata() == null || object.getMetadata().getName() == null) {
            problems.add("metadata.name is required");
            return;
        }
        String name = object.getMetadata().getName();
        boolean labelName = object instanceof Service || object instanceof Pod;
        require(
                name.length() <= (labelName ? 63 : 253)
                        && (labelName ? DNS_1123_LABEL : DNS_1123_SUBDOMAIN)
                                .matcher(name)
                                .matches(),
                "metadata.name '" + name + "' is not a valid DNS-1123 " + (labelName ? "label" : "subdomain"),
                problems);
        checkLabels(object.getMetadata().getLabels(), "metadata.labels", problems);
    }

    private static void checkLabels(Map<String, String> labels, String where, List<String> problems) {
        if (labels == null) {
            return;
        }
        labels.forEach((k, v) -> {
            String nameNoPrefix = k.contains("/") ? k.substring(k.indexOf('/') + 1) : k;
            require(
                    !nameNoPrefix.isEmpty()
                            && nameNoPrefix.length() <= 63
                            && LABEL_NAME.matcher(nameNoPrefix).matches(),
                    where + ": invalid label key " + k,
                    problems);
            require(
                    v != null && v.length() <= 63 && LABEL_NAME.matcher(v).matches(),
                    where + ": invalid value '" + v + "' of label " + k,
                    problems);
        });
    }

    private static void checkPodSpec(PodSpec spec, String where, List<String> problems) {
        if (spec == null || spec.getContainers() == null || spec.getContainers().isEmpty()) {
            problems.add(where + ".containers is required");
            return;
        }
        Set<String> volumes = new HashSet<>();
        if (spec.getVolumes() != null) {
            spec.getVolumes()
                    .forEach(v ->
                            require(volumes.add(v.getName()), where + ".volumes: duplicate " + v.getName(), problems));
        }
        Set<String> containerNames = new HashSet<>();
        List<Container> all = new ArrayList<>(spec.getContainers());
        if (spec.getInitContainers() != null) {
            all.addAll(spec.getInitContainers());
        }
        for (Container c : all) {
            String cw = where + ".containers[" + c.getName() + "]";
            require(
                    c.getName() != null && DNS_1123_LABEL.matcher(c.getName()).matches(),
                    cw + ".name is required (DNS-1123 label)",
                    problems);
            require(containerNames.add(c.getName()), cw + ": duplicate container name", problems);
            require(c.getImage() != null && !c.getImage().isBlank(), cw + ".image is required", problems);
            Set<String> ports = new HashSet<>();
            if (c.getPorts() != null) {
                c.getPorts().forEach(p -> {
                    require(p.getContainerPort() != null, cw + ".ports[].containerPort is required", problems);
                    if (p.getName() != null) {
                        require(
                                p.getName().length() <= 15 && ports.add(p.getName()),
                                cw + ".ports: bad or duplicate name " + p.getName(),
                                problems);
                    }
                });
            }
            if (c.getEnv() != null) {
                Set<String> envNames = new HashSet<>();
                c.getEnv().forEach(e -> {
                    require(
                            e.getName() != null && ENV_NAME.matcher(e.getName()).matches(),
                            cw + ".env: invalid name " + e.getName(),
                            problems);
                    require(envNames.add(e.getName()), cw + ".env: " + e.getName() + " is set twice", problems);
                    require(
                            e.getValue() == null || e.getValueFrom() == null,
                            cw + ".env " + e.getName() + ": value and valueFrom",
                            problems);
                });
            }
            if (c.getVolumeMounts() != null) {
                c.getVolumeMounts()
                        .forEach(m -> require(
                                volumes.contains(m.getName()),
                                cw + ".volumeMounts: " + m.getName() + " is not a volume of the pod",
                                problems));
            }
            for (var probe :
                    java.util.Arrays.asList(c.getStartupProbe(), c.getLivenessProbe(), c.getReadinessProbe())) {
                if (probe != null && probe.getHttpGet() != null) {
                    var port = probe.getHttpGet().getPort();
                    require(
                            port != null && (port.getIntVal() != null || ports.contains(port.getStrVal())),
                            cw + ": probe on undeclared port " + port,
                            problems);
                }
            }
        }
    }

    private static void require(boolean condition, String problem, List<String> problems) {
        if (!condition) {
            problems.add(problem);
        }
    }
}
