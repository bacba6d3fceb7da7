package io.erplink.deploy;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The validator itself: it must reject what the API server would, or the chart tests prove nothing. */
class KubernetesValidatorTest {

    /** A valid, restricted Deployment; each test breaks one thing. */
    private static final String DEPLOYMENT = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: demo
              labels: {app: demo}
            spec:
              replicas: 2
              selector:
                matchLabels: {app: demo}
              template:
                metadata:
                  labels: {app: demo}
                spec:
                  securityContext:
                    runAsNonRoot: true
                    runAsUser: 185
                    seccompProfile: {type: RuntimeDefault}
                  containers:
                    - name: demo
                      image: example/demo:1
                      ports: [{name: http, containerPort: 8080}]
                      resources:
                        requests: {cpu: 100m, memory: 128Mi}
                        limits: {memory: 256Mi}
                      startupProbe: {httpGet: {path: /q/health/started, port: http}}
                      livenessProbe: {httpGet: {path: /q/health/live, port: http}}
                      readinessProbe: {httpGet: {path: /q/health/ready, port: http}}
                      securityContext:
                        allowPrivilegeEscalation: false
                        readOnlyRootFilesystem: true
                        capabilities: {drop: [ALL]}
                      volumeMounts: [{name: tmp, mountPath: /tmp}]
                  volumes: [{name: tmp, emptyDir: {}}]
            """;

    private static ObjectNode deployment() {
        return Manifests.parse(DEPLOYMENT, "test").get(0);
    }

    @Test
    void acceptsTheValidDeployment() {
        Deployment d = (Deployment) KubernetesValidator.validate(deployment(), "test");
        assertEquals(
                List.of(),
                Policies.restrictedPss("demo", d.getSpec().getTemplate().getSpec()));
        assertEquals(
                List.of(),
                Policies.serviceContainer(
                        "demo",
                        d.getSpec().getTemplate().getSpec().getContainers().get(0)));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "/spec                                          | replica  | 2       | replica",
                "/spec/template/spec/containers/0               | imagee   | x       | imagee",
                "/spec/template/spec/containers/0/securityContext | runAsNonroot | true | runAsNonroot",
                "/spec/template/spec                            | hostNetwrok | true  | hostNetwrok",
                "/metadata                                      | label    | x       | label",
            })
    void rejectsUnknownFields(String at, String field, String value, String mentioned) {
        ObjectNode d = deployment();
        ((ObjectNode) d.at(at)).put(field, value);
        AssertionError e = assertThrows(AssertionError.class, () -> KubernetesValidator.validate(d, "test"));
        assertTrue(e.getMessage().contains(mentioned), e.getMessage());
    }

    @Test
    void rejectsWrongTypes() {
        ObjectNode replicasAsString = deployment();
        ((ObjectNode) replicasAsString.get("spec")).put("replicas", "2");
        assertThrows(AssertionError.class, () -> KubernetesValidator.validate(replicasAsString, "test"));

        ObjectNode labelAsNumber = deployment();
        ((ObjectNode) labelAsNumber.get("metadata").get("labels")).put("version", 1);
        assertThrows(AssertionError.class, () -> KubernetesValidator.validate(labelAsNumber, "test"));

        ObjectNode booleanAsString = deployment();
        ((ObjectNode) booleanAsString.at("/spec/template/spec/containers/0/securityContext"))
                .put("readOnlyRootFilesystem", "true");
        assertThrows(AssertionError.class, () -> KubernetesValidator.validate(booleanAsString, "test"));

        ObjectNode containersAsObject = deployment();
        ((ObjectNode) containersAsObject.at("/spec/template/spec"))
                .putObject("containers")
                .put("name", "x");
        assertThrows(AssertionError.class, () -> KubernetesValidator.validate(containersAsObject, "test"));
    }

    @Test
    void rejectsMissingRequiredFieldsAndBrokenReferences() {
        ObjectNode noImage = deployment();
        ((ObjectNode) noImage.at("/spec/template/spec/containers/0")).remove("image");
        assertTrue(assertThrows(AssertionError.class, () -> KubernetesValidator.validate(noImage, "test"))
                .getMessage()
                .contains("image is required"));

        ObjectNode selectorMismatch = deployment();
        ((ObjectNode) selectorMismatch.at("/spec/selector/matchLabels")).put("app", "other");
        assertTrue(assertThrows(AssertionError.class, () -> KubernetesValidator.validate(selectorMismatch, "test"))
                .getMessage()
                .contains("selector"));

        ObjectNode mountWithoutVolume = deployment();
        ((ObjectNode) mountWithoutVolume.at("/spec/template/spec")).remove("volumes");
        assertTrue(assertThrows(AssertionError.class, () -> KubernetesValidator.validate(mountWithoutVolume, "test"))
                .getMessage()
                .contains("not a volume"));

        ObjectNode badName = deployment();
        ((ObjectNode) badName.get("metadata")).put("name", "Demo_Service");
        assertTrue(assertThrows(AssertionError.class, () -> KubernetesValidator.validate(badName, "test"))
                .getMessage()
                .contains("DNS-1123"));

        ObjectNode unknownKind = deployment();
        unknownKind.put("apiVersion", "extensions/v1beta1");
        assertTrue(assertThrows(AssertionError.class, () -> KubernetesValidator.validate(unknownKind, "test"))
                .getMessage()
                .contains("unsupported"));
    }

    @Test
    void rejectsAServiceMonitorWithUnknownFields() {
        ObjectNode sm = Manifests.parse("""
                apiVersion: monitoring.coreos.com/v1
                kind: ServiceMonitor
                metadata: {name: demo}
                spec:
                  selector: {matchLabels: {app: demo}}
                  endpoints: [{port: http, path: /q/metrics, intervall: 30s}]
                """, "test").get(0);
        assertTrue(assertThrows(AssertionError.class, () -> KubernetesValidator.validate(sm, "test"))
                .getMessage()
                .contains("intervall"));
    }

    @Test
    void findsEveryRestrictedPssViolation() {
        ObjectNode d = deployment();
        ObjectNode sc = (ObjectNode) d.at("/spec/template/spec/containers/0/securityContext");
        sc.put("allowPrivilegeEscalation", true);
        sc.put("privileged", true);
        sc.put("readOnlyRootFilesystem", false);
        sc.putObject("capabilities").putArray("add").add("NET_ADMIN");
        ((ObjectNode) d.at("/spec/template/spec/securityContext"))
                .put("runAsUser", 0)
                .remove("seccompProfile");
        ObjectNode pod = (ObjectNode) d.at("/spec/template/spec");
        pod.put("hostPID", true);
        pod.withArray("volumes")
                .addObject()
                .put("name", "host")
                .putObject("hostPath")
                .put("path", "/var/run");
        HasMetadata typed = KubernetesValidator.validate(d, "test");
        List<String> problems = Policies.restrictedPss(
                "demo", ((Deployment) typed).getSpec().getTemplate().getSpec());
        for (String expected : List.of(
                "hostPID",
                "hostPath",
                "pod runAsUser 0",
                "allowPrivilegeEscalation",
                "privileged",
                "capabilities.drop must contain ALL",
                "adds capabilities",
                "seccompProfile RuntimeDefault",
                "readOnlyRootFilesystem")) {
            assertTrue(problems.stream().anyMatch(p -> p.contains(expected)), expected + " not found in " + problems);
        }
    }

    @Test
    void findsDanglingReferences() {
        List<ObjectNode> objects = Manifests.parse("""
                apiVersion: v1
                kind: Service
                metadata: {name: demo}
                spec:
                  selector: {app: nothing}
                  ports: [{name: http, port: 80, targetPort: http}]
                ---
                apiVersion: autoscaling/v2
                kind: HorizontalPodAutoscaler
                metadata: {name: demo}
                spec:
                  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: demo}
                  maxReplicas: 3
                  metrics: [{type: Resource, resource: {name: cpu, target: {type: Utilization, averageUtilization: 70}}}]
                """, "test");
        objects.add(deployment());
        List<String> problems = Policies.references(KubernetesValidator.validateAll(objects, "test"));
        assertTrue(
                problems.stream().anyMatch(p -> p.contains("Service/demo selects no Deployment")), problems.toString());
        assertTrue(
                problems.stream().anyMatch(p -> p.contains("sets replicas although an HPA scales it")),
                problems.toString());
    }
}
