"""The first edition of the NGO-friendly municipality model: Varsinais-Suomi 2020
(seed 004). Finnish as written in the model; Swedish and English translated for
the portal. Each criterion carries the portal topic whose records are offered
as evidence for it."""

from django.db import migrations

# (key, fi, sv, en, [(area key, fi, sv, en, summary (fi, sv, en), concerns county,
#   [(criterion key, topic, fi, sv, en), ...]), ...])
MODEL = [
    (
        "routines",
        "Toistuvat rutiinit",
        "Återkommande rutiner",
        "Recurring routines",
        [
            (
                "forum",
                "Järjestöfoorumi",
                "Organisationsforum",
                "NGO forum",
                (
                    "Säännöllinen järjestöfoorumi kokoaa yhteen järjestöt, luottamushenkilöt ja viranhaltijat.",
                    "Ett regelbundet organisationsforum samlar organisationer, förtroendevalda och tjänsteinnehavare.",
                    "A regular NGO forum brings together NGOs, elected officials and municipal officials.",
                ),
                False,
                [
                    (
                        "forum-joint",
                        "forum",
                        "Kunta ja järjestöt järjestävät yhdessä yhteistyöfoorumin kunnan ja järjestöjen yhteistyölle.",
                        "Kommunen och organisationerna ordnar tillsammans ett samarbetsforum för samarbetet mellan kommunen och organisationerna.",
                        "The municipality and the NGOs jointly organise a forum for their cooperation.",
                    ),
                    (
                        "forum-regional",
                        "forum",
                        "Lisäksi järjestetään laajempia, seudullisia tai koko hyvinvointialueen kattavia foorumeita.",
                        "Dessutom ordnas bredare forum, för en region eller hela välfärdsområdet.",
                        "Wider forums are also held, for a sub-region or the whole wellbeing services county.",
                    ),
                    (
                        "forum-regular",
                        "forum",
                        "Foorumi järjestetään säännöllisesti 1–2 kertaa vuodessa.",
                        "Forumet ordnas regelbundet 1–2 gånger per år.",
                        "The forum is held regularly, once or twice a year.",
                    ),
                    (
                        "forum-invited",
                        "forum",
                        "Foorumiin kutsutaan alueen järjestötoimijat, kunnan keskeiset viranhaltijat sekä luottamushenkilöt.",
                        "Till forumet bjuds områdets organisationsaktörer, kommunens centrala tjänsteinnehavare och de förtroendevalda in.",
                        "The area's NGOs, the municipality's key officials and elected officials are invited to the forum.",
                    ),
                    (
                        "forum-planned",
                        "forum",
                        "Foorumin sisältö suunnitellaan yhdessä järjestötoimijoiden kanssa.",
                        "Forumets innehåll planeras tillsammans med organisationsaktörerna.",
                        "The forum's content is planned together with the NGOs.",
                    ),
                    (
                        "forum-purpose",
                        "",
                        "Foorumissa kehitetään kunnan ja järjestöjen yhteistyötä keskustelemalla ajankohtaisista kysymyksistä ja tulevista suunnitelmista.",
                        "I forumet utvecklas samarbetet mellan kommunen och organisationerna genom diskussion om aktuella frågor och kommande planer.",
                        "The forum develops cooperation between the municipality and the NGOs by discussing current questions and coming plans.",
                    ),
                ],
            ),
            (
                "wellbeing",
                "Hyvinvointityö",
                "Välfärdsarbete",
                "Wellbeing work",
                (
                    "Järjestöt ovat mukana hyvinvointisuunnitelman ja -kertomuksen valmistelussa ja analysoimisessa.",
                    "Organisationerna deltar i beredningen och analysen av välfärdsplanen och välfärdsberättelsen.",
                    "NGOs take part in preparing and analysing the wellbeing plan and report.",
                ),
                False,
                [
                    (
                        "wellbeing-recognised",
                        "",
                        "Järjestötoiminta tunnustetaan osana palvelujärjestelmää sekä kuntien ja hyvinvointialueen hyvinvoinnin ja terveyden edistämistyötä.",
                        "Organisationsverksamheten erkänns som en del av servicesystemet och av kommunernas och välfärdsområdets arbete för att främja välfärd och hälsa.",
                        "NGO activity is recognised as part of the service system and of the wellbeing and health promotion work of the municipalities and the wellbeing services county.",
                    ),
                    (
                        "wellbeing-report",
                        "guiding_documents",
                        "Järjestöt ja asukkaat ovat mukana hyvinvointikertomuksen ja -suunnitelman kokoamisessa sekä tulosten arvioinnissa.",
                        "Organisationerna och invånarna deltar i sammanställningen av välfärdsberättelsen och välfärdsplanen och i utvärderingen av resultaten.",
                        "NGOs and residents take part in compiling the wellbeing report and plan and in evaluating the results.",
                    ),
                    (
                        "wellbeing-workshops",
                        "",
                        "Osana hyvinvointikertomusprosessia järjestetään työpajoja tai muita kuulemisia, joiden kautta osallistuminen tapahtuu.",
                        "Som en del av processen kring välfärdsberättelsen ordnas verkstäder eller andra höranden genom vilka man kan delta.",
                        "Workshops or other hearings are held as part of the wellbeing report process, through which people take part.",
                    ),
                    (
                        "wellbeing-results",
                        "",
                        "Järjestöt osallistetaan hyvinvointikertomuksen ja -suunnitelman kokoamiseen ja tulosten purkamiseen.",
                        "Organisationerna involveras i sammanställningen av välfärdsberättelsen och välfärdsplanen och i genomgången av resultaten.",
                        "NGOs are involved in compiling the wellbeing report and plan and in going through the results.",
                    ),
                ],
            ),
            (
                "grants",
                "Avustukset",
                "Understöd",
                "Grants",
                (
                    "Avustuksia on säännöllisesti ja ennakoitavasti haettavissa.",
                    "Understöd kan sökas regelbundet och förutsägbart.",
                    "Grants can be applied for regularly and predictably.",
                ),
                False,
                [
                    (
                        "grants-budget",
                        "",
                        "Talousarviossa on huomioitu järjestöavustukset.",
                        "Understöden till organisationer har beaktats i budgeten.",
                        "Grants to NGOs are included in the budget.",
                    ),
                    (
                        "grants-equal",
                        "grant_calls",
                        "Kunnan käytäntönä on avustaa järjestöjä monipuolisesti ja yhdenvertaisesti sekä seurata avustuskehitystä.",
                        "Kommunen har som praxis att understödja organisationer mångsidigt och jämlikt och att följa hur understöden utvecklas.",
                        "The municipality's practice is to support NGOs in diverse and equal ways and to follow how grants develop.",
                    ),
                    (
                        "grants-guidelines",
                        "grant_guidelines",
                        "Kirjallinen ja kaikkien saatavilla oleva avustusohje.",
                        "Skriftliga anvisningar för understöd som är tillgängliga för alla.",
                        "Written grant guidelines, available to everyone.",
                    ),
                    (
                        "grants-cycles",
                        "grant_calls",
                        "Avustuksissa on sekä ennakoitavuutta ja toiminnan suunnittelua tukevia vuosittaisia avustuksia että nopeammalla syklillä toimivia pienempiä avustuksia.",
                        "Det finns både årliga understöd som ger förutsägbarhet och stöder planeringen av verksamheten och mindre understöd med en snabbare cykel.",
                        "There are annual grants that make planning predictable as well as smaller grants on a faster cycle.",
                    ),
                    (
                        "grants-dialogue",
                        "",
                        "Avustusrakenteita suunniteltaessa käydään vuoropuhelua järjestöjen kanssa ja huomioidaan muiden järjestötoiminnan rahoituslähteiden vaikutus.",
                        "När strukturerna för understöd planeras förs en dialog med organisationerna och andra finansieringskällors inverkan beaktas.",
                        "Grant structures are designed in dialogue with NGOs, taking other sources of NGO funding into account.",
                    ),
                ],
            ),
            (
                "budget",
                "Talousarvio",
                "Budget",
                "Budget",
                (
                    "Järjestöt huomioidaan talousarvioprosessissa ja talousarvion toiminnallisissa tavoitteissa.",
                    "Organisationerna beaktas i budgetprocessen och i budgetens verksamhetsmål.",
                    "NGOs are considered in the budget process and in the budget's operational goals.",
                ),
                False,
                [
                    (
                        "budget-process",
                        "guiding_documents",
                        "Järjestöt huomioidaan talousarvioprosessissa ja talousarvion toiminnallisissa tavoitteissa.",
                        "Organisationerna beaktas i budgetprocessen och i budgetens verksamhetsmål.",
                        "NGOs are considered in the budget process and in the budget's operational goals.",
                    ),
                    (
                        "budget-goals",
                        "",
                        "Järjestöyhteistyölle asetetaan tavoitteet ja niitä seurataan osana talousarviota tai muuta vuosittaista toiminnan suunnittelua.",
                        "Mål för samarbetet med organisationerna ställs upp och följs upp som en del av budgeten eller annan årlig planering av verksamheten.",
                        "Goals for NGO cooperation are set and followed up as part of the budget or other yearly planning.",
                    ),
                ],
            ),
        ],
    ),
    (
        "structures",
        "Yhteistyörakenteet",
        "Samarbetsstrukturer",
        "Cooperation structures",
        [
            (
                "liaison",
                "Järjestöyhdyshenkilö",
                "Kontaktperson för organisationer",
                "NGO liaison person",
                (
                    "Nimetty järjestöyhdyshenkilö (tai henkilöt) toimii linkkinä järjestöjen ja hallinnon välillä.",
                    "En utsedd kontaktperson (eller flera) för organisationer fungerar som länk mellan organisationerna och förvaltningen.",
                    "A named NGO liaison person (or several) links the NGOs and the administration.",
                ),
                True,
                [
                    (
                        "liaison-named",
                        "liaison",
                        "On nimetty yksi tai useampia järjestöyhdyshenkilöitä.",
                        "En eller flera kontaktpersoner för organisationer har utsetts.",
                        "One or more NGO liaison persons have been named.",
                    ),
                    (
                        "liaison-link",
                        "liaison",
                        "Järjestöyhdyshenkilö toimii linkkinä järjestöjen ja julkishallinnon tai palveluita tuottavan organisaation välillä.",
                        "Kontaktpersonen fungerar som länk mellan organisationerna och den offentliga förvaltningen eller den organisation som producerar tjänster.",
                        "The liaison person links the NGOs and the public administration or the organisation producing services.",
                    ),
                    (
                        "liaison-sectors",
                        "liaison",
                        "Isossa organisaatiossa yhdyshenkilöitä on useampi, esimerkiksi toimialoittain.",
                        "I en stor organisation finns flera kontaktpersoner, till exempel per sektor.",
                        "A large organisation has several liaison persons, for example one per sector.",
                    ),
                    (
                        "liaison-contact",
                        "liaison",
                        "Selkeä kontaktipiste helpottaa ja selkiyttää viestintää.",
                        "En tydlig kontaktpunkt underlättar och förtydligar kommunikationen.",
                        "A clear contact point makes communication easier and clearer.",
                    ),
                    (
                        "liaison-convenes",
                        "forum",
                        "Järjestöyhdyshenkilö toimii järjestöfoorumin kokoonkutsujana.",
                        "Kontaktpersonen sammankallar organisationsforumet.",
                        "The liaison person convenes the NGO forum.",
                    ),
                ],
            ),
            (
                "councils",
                "Lakisääteiset toimielimet",
                "Lagstadgade organ",
                "Statutory bodies",
                (
                    "Vanhusneuvosto, vammaisneuvosto ja nuorisovaltuusto ovat aktiivinen osa palveluiden kehittämistä ja niiden toimintaan varataan tarvittavat resurssit.",
                    "Äldrerådet, rådet för personer med funktionsnedsättning och ungdomsfullmäktige är en aktiv del av utvecklingen av tjänsterna och får de resurser de behöver.",
                    "The elderly council, the disability council and the youth council take an active part in developing services and get the resources they need.",
                ),
                False,
                [
                    (
                        "councils-active",
                        "councils",
                        "Vanhusneuvosto, vammaisneuvosto ja nuorisovaltuusto ovat aktiivinen osa palveluiden kehittämistä, ja niiden toimintaan varataan tarvittavat resurssit.",
                        "Äldrerådet, rådet för personer med funktionsnedsättning och ungdomsfullmäktige är en aktiv del av utvecklingen av tjänsterna, och deras verksamhet får de resurser som behövs.",
                        "The elderly council, the disability council and the youth council take an active part in developing services, and their work is given the resources it needs.",
                    ),
                    (
                        "councils-joined",
                        "councils",
                        "Lakisääteisten ryhmien kanssa tehtävä kehittäminen limitetään osaksi samaa kokonaisuutta muiden ryhmien (esimerkiksi asiakasraatien) ja järjestöjen kanssa tehtävän yhteiskehittämisen kanssa.",
                        "Utvecklingen med de lagstadgade organen förenas med samutvecklingen med andra grupper (till exempel kundpaneler) och organisationer.",
                        "Development with the statutory bodies is joined with co-development with other groups (for example customer panels) and NGOs.",
                    ),
                ],
            ),
            (
                "documents",
                "Toimintaa ohjaavat asiakirjat",
                "Styrdokument",
                "Guiding documents",
                (
                    "Järjestöjä kuullaan strategiaa ja muita toimintaa ohjaavia asiakirjoja valmisteltaessa.",
                    "Organisationerna hörs när strategin och andra styrdokument bereds.",
                    "NGOs are heard when the strategy and other guiding documents are prepared.",
                ),
                False,
                [
                    (
                        "documents-included",
                        "guiding_documents",
                        "Järjestöyhteistyö ja osallisuus huomioidaan strategiassa, talousarvion toiminnallisissa tavoitteissa ja muissa toimintaa ohjaavissa asiakirjoissa.",
                        "Samarbetet med organisationerna och delaktigheten beaktas i strategin, i budgetens verksamhetsmål och i andra styrdokument.",
                        "NGO cooperation and participation are considered in the strategy, in the budget's operational goals and in other guiding documents.",
                    ),
                    (
                        "documents-strategy",
                        "guiding_documents",
                        "Järjestöt otetaan mukaan strategiaprosessiin aktiivisina toimijoina, esimerkiksi kommentointimahdollisuuden ja työpajojen kautta.",
                        "Organisationerna deltar i strategiprocessen som aktiva aktörer, till exempel genom möjlighet att kommentera och genom verkstäder.",
                        "NGOs take an active part in the strategy process, for example by commenting and in workshops.",
                    ),
                ],
            ),
            (
                "premises",
                "Tilat",
                "Lokaler",
                "Premises",
                (
                    "Järjestöjen ja seurojen toimintaan on saatavilla edullisia tai maksuttomia tiloja.",
                    "Förmånliga eller avgiftsfria lokaler finns att tillgå för organisationers och föreningars verksamhet.",
                    "Cheap or free premises are available for the activities of NGOs and clubs.",
                ),
                False,
                [
                    (
                        "premises-free",
                        "premises",
                        "Tiloja tarjotaan järjestöjen käyttöön maksutta tai edullisesti.",
                        "Lokaler erbjuds organisationerna avgiftsfritt eller förmånligt.",
                        "Premises are offered to NGOs free of charge or cheaply.",
                    ),
                    (
                        "premises-meeting",
                        "premises",
                        "Kokoontumistiloja on erikokoisille ryhmille.",
                        "Det finns mötesrum för grupper av olika storlek.",
                        "There are meeting rooms for groups of different sizes.",
                    ),
                    (
                        "premises-events",
                        "premises",
                        "Suurempia tiloja on erilaisten tapahtumien järjestämistä varten.",
                        "Det finns större lokaler för att ordna evenemang.",
                        "There are larger premises for holding events.",
                    ),
                    (
                        "premises-information",
                        "premises",
                        "Tieto saatavilla olevista tiloista ja niiden käytön ehdoista on koottuna yhteen paikkaan.",
                        "Information om tillgängliga lokaler och villkoren för att använda dem finns samlad på ett ställe.",
                        "Information on the premises available and their terms of use is gathered in one place.",
                    ),
                ],
            ),
        ],
    ),
    (
        "codevelopment",
        "Yhteistyö ja yhdessä kehittäminen",
        "Samarbete och gemensam utveckling",
        "Cooperation and co-development",
        [
            (
                "services",
                "Osa palvelukokonaisuutta",
                "En del av servicehelheten",
                "Part of the service whole",
                (
                    "Järjestöjen tarjoamat tieto- ja neuvontapalvelut sekä muu toiminta (esimerkiksi ryhmät) huomioidaan osana palvelukokonaisuutta.",
                    "Organisationernas informations- och rådgivningstjänster och annan verksamhet (till exempel grupper) beaktas som en del av servicehelheten.",
                    "The information and advice services and other activities (for example groups) that NGOs offer are counted as part of the service whole.",
                ),
                True,
                [
                    (
                        "services-offering",
                        "",
                        "Järjestöjen tarjonta huomioidaan osana alueen palvelukokonaisuutta.",
                        "Organisationernas utbud beaktas som en del av områdets servicehelhet.",
                        "What NGOs offer is counted as part of the area's service whole.",
                    ),
                    (
                        "services-groups",
                        "",
                        "Järjestöjen ryhmätoiminta ja neuvontapalvelut huomioidaan ja hyödynnetään palvelukokonaisuuksia kehitettäessä.",
                        "Organisationernas gruppverksamhet och rådgivningstjänster beaktas och utnyttjas när servicehelheter utvecklas.",
                        "NGOs' group activities and advice services are considered and used when service wholes are developed.",
                    ),
                ],
            ),
            (
                "paths",
                "Palvelupolkujen kehittäminen",
                "Utveckling av servicestigar",
                "Developing service paths",
                (
                    "Palvelupolkujen mallintamisessa ja kehittämisessä hyödynnetään järjestöjen asiantuntemusta.",
                    "Organisationernas sakkunskap utnyttjas när servicestigar modelleras och utvecklas.",
                    "NGOs' expertise is used in modelling and developing service paths.",
                ),
                False,
                [
                    (
                        "paths-modelled",
                        "",
                        "Palvelupolkuja mallinnetaan asiakkaan näkökulmasta palveluprosessin hahmottamiseksi ja kehittämiskohteiden paikallistamiseksi.",
                        "Servicestigar modelleras ur kundens perspektiv för att se hur serviceprocessen framskrider och hitta det som behöver utvecklas.",
                        "Service paths are modelled from the client's point of view to see how the service process goes and to find what needs developing.",
                    ),
                    (
                        "paths-expertise",
                        "",
                        "Palvelupolkujen mallintamisessa ja kehittämisessä hyödynnetään järjestöjen asiantuntemusta.",
                        "Organisationernas sakkunskap utnyttjas när servicestigar modelleras och utvecklas.",
                        "NGOs' expertise is used in modelling and developing service paths.",
                    ),
                    (
                        "paths-experience",
                        "",
                        "Järjestöjä hyödynnetään väylänä hankkia kokemustietoa erilaisista palvelukokemuksista.",
                        "Organisationerna används som kanal för att samla erfarenhetsbaserad kunskap om olika upplevelser av tjänsterna.",
                        "NGOs serve as a channel for gathering experiential knowledge of how services are experienced.",
                    ),
                ],
            ),
            (
                "rules",
                "Pelisäännöt",
                "Spelregler",
                "Ground rules",
                (
                    "Kunta-, toimiala- tai yksikkökohtaiset yhteistyön pelisäännöt raamittavat yhteistyön.",
                    "Spelregler för samarbetet per kommun, sektor eller enhet ramar in samarbetet.",
                    "Ground rules for the municipality, a sector or a unit frame the cooperation.",
                ),
                False,
                [
                    (
                        "rules-agreed",
                        "",
                        "Yhteistyötä raamittamaan on laadittu paikalliset pelisäännöt (yhteydenpidon kanavat, viestintäkäytännöt, tapahtumayhteistyö, kokemusasiantuntijoiden hyödyntäminen).",
                        "Lokala spelregler har tagits fram för samarbetet (kontaktkanaler, kommunikationspraxis, samarbete kring evenemang, anlitande av erfarenhetsexperter).",
                        "Local ground rules frame the cooperation (contact channels, communication practices, events, experts by experience).",
                    ),
                    (
                        "rules-jointly",
                        "",
                        "Pelisäännöt laaditaan yhdessä työntekijöiden, viranhaltijoiden ja järjestöjen kesken.",
                        "Spelreglerna tas fram tillsammans av anställda, tjänsteinnehavare och organisationer.",
                        "The ground rules are drawn up jointly by staff, officials and NGOs.",
                    ),
                    (
                        "rules-level",
                        "",
                        "Pelisäännöt on laadittu kunta-, toimiala- tai yksikkökohtaisesti.",
                        "Spelreglerna har tagits fram per kommun, sektor eller enhet.",
                        "Ground rules exist for the municipality, a sector or a unit.",
                    ),
                ],
            ),
            (
                "communication",
                "Viestintä",
                "Kommunikation",
                "Communication",
                (
                    "Molemminpuolisella viestintäyhteistyöllä autetaan asukkaita löytämään oikea palvelu.",
                    "Genom ömsesidigt kommunikationssamarbete hjälps invånarna att hitta rätt tjänst.",
                    "Communication cooperation on both sides helps residents find the right service.",
                ),
                False,
                [
                    (
                        "communication-part",
                        "",
                        "Järjestöt huomioidaan osana palveluista viestimisen ja tiedottamisen kokonaisuutta.",
                        "Organisationerna beaktas som en del av helheten av kommunikation och information om tjänsterna.",
                        "NGOs are part of how services are communicated and announced.",
                    ),
                    (
                        "communication-channels",
                        "",
                        "Julkisen sektorin viestintäväyliä hyödynnetään järjestöjen tarjoamien mahdollisuuksien tunnetuksi tekemiseen, ja järjestöt auttavat tavoittamaan palveluiden käyttäjiä.",
                        "Den offentliga sektorns kommunikationskanaler används för att göra organisationernas möjligheter kända, och organisationerna hjälper till att nå tjänsternas användare.",
                        "The public sector's channels make what NGOs offer known, and NGOs help reach the users of services.",
                    ),
                    (
                        "communication-directory",
                        "profiles",
                        "Järjestöt ylläpitävät yhteystietojaan ja tietoja toiminnastaan yhteisessä järjestöhakemistossa.",
                        "Organisationerna håller sina kontaktuppgifter och uppgifter om sin verksamhet aktuella i den gemensamma organisationskatalogen.",
                        "NGOs keep their contact details and information on their activities current in the shared directory.",
                    ),
                ],
            ),
        ],
    ),
]


def load(apps, schema_editor):
    Edition = apps.get_model("cooperation", "ChecklistEdition")
    Theme = apps.get_model("cooperation", "ChecklistTheme")
    Area = apps.get_model("cooperation", "ChecklistArea")
    Criterion = apps.get_model("cooperation", "Criterion")
    if Edition.objects.exists():
        return
    edition = Edition.objects.create(
        number=1, name="Järjestöystävällinen kunta, Varsinais-Suomi 2020", published=True
    )
    for t, (theme_key, t_fi, t_sv, t_en, areas) in enumerate(MODEL, start=1):
        theme = Theme.objects.create(
            edition=edition, key=theme_key, position=t, name_fi=t_fi, name_sv=t_sv, name_en=t_en
        )
        for a, (area_key, a_fi, a_sv, a_en, summary, county, criteria) in enumerate(areas, 1):
            area = Area.objects.create(
                theme=theme,
                key=area_key,
                position=a,
                name_fi=a_fi,
                name_sv=a_sv,
                name_en=a_en,
                summary_fi=summary[0],
                summary_sv=summary[1],
                summary_en=summary[2],
                concerns_county=county,
            )
            Criterion.objects.bulk_create(
                Criterion(
                    area=area,
                    key=key,
                    position=c,
                    evidence_topic=topic,
                    text_fi=fi,
                    text_sv=sv,
                    text_en=en,
                )
                for c, (key, topic, fi, sv, en) in enumerate(criteria, 1)
            )


def unload(apps, schema_editor):
    apps.get_model("cooperation", "ChecklistEdition").objects.filter(number=1).delete()


class Migration(migrations.Migration):
    dependencies = [("cooperation", "0005_checklist")]

    operations = [migrations.RunPython(load, unload)]
