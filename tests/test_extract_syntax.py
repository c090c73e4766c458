"""The parse layer: sentences of the field → relations with the parser, and with kg's rules alone.

Each row is a sentence (or two), the relations expected with the trained pipeline installed (the
default), and — where they differ — those kg's rules alone give (``KG_PARSER=none``). Relations
are (type, subject label, object label, substance label, status).
"""

from __future__ import annotations

import pickle

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from kg.extract import run, run_many
from kg.extract.entities import EntityExtractor
from kg.extract.relations import RelationExtractor
from kg.extract.syntax import parser_name
from kg.model import Article, Extraction

SAME = object()  # the rules alone give the same

pytestmark = pytest.mark.skipif(parser_name() is None, reason="no trained spaCy pipeline installed")


@pytest.fixture(scope="module")
def parsed():
    return [EntityExtractor(), RelationExtractor()]


@pytest.fixture(scope="module")
def rules():
    return [EntityExtractor(model="none"), RelationExtractor(model="none")]


def relations(extractors, text: str):
    found = run(Article.from_parts(title="Report", body=[text], source="test.txt"), extractors)
    label = {k: e.label for k, e in found.entities.items()}
    return {(r.type, label[r.subject], label.get(r.object), label.get(r.substance), r.status)
            for r in found.relations}, found


US, EU = "United States", "European Union"
FCDO = "Foreign, Commonwealth and Development Office"
OFAC = "Office of Foreign Assets Control"
CCDAC = "Myanmar's Central Committee for Drug Abuse Control"
BNN, FDA_GH = "Indonesia's National Narcotics Board", "Ghana's Food and Drugs Authority"
TABLE = [
    # active voice, coordination and lists
    ("Canada imposed sanctions on Iran over its nuclear programme.", {("Sanction", "Canada", "Iran", None, "imposed")}, SAME),
    ("The European Union imposed new sanctions against Belarus on Tuesday.", {("Sanction", EU, "Belarus", None, "imposed")}, SAME),
    ("Britain blacklisted the Tren de Aragua gang.", {("Sanction", "United Kingdom", "Tren de Aragua", None, "imposed")}, SAME),
    ("The Treasury Department designated the Sinaloa Cartel as a terrorist organization.",
     {("Sanction", "Treasury Department", "Sinaloa Cartel", None, "imposed")}, SAME),
    ("The United States imposed sanctions on Iran, Syria and Cuba.",
     {("Sanction", US, "Iran", None, "imposed"), ("Sanction", US, "Syria", None, "imposed"),
      ("Sanction", US, "Cuba", None, "imposed")}, SAME),
    ("Canada and Australia imposed sanctions on Myanmar.",
     {("Sanction", "Canada", "Myanmar", None, "imposed"), ("Sanction", "Australia", "Myanmar", None, "imposed")}, SAME),
    ("The United States imposed tariffs on goods from China, Mexico and Canada over fentanyl.",
     {("Sanction", US, "China", None, "imposed"), ("Sanction", US, "Mexico", None, "imposed"),
      ("Sanction", US, "Canada", None, "imposed")}, SAME),
    # names joined by "and" are two (the NER splits a name the rules read as one)
    ("The United States sanctioned Zhang Weiming and his company, Wuhan Huayi Chemical, in March.",
     {("Sanction", US, "Zhang Weiming", None, "imposed"), ("Sanction", US, "Wuhan Huayi Chemical", None, "imposed")},
     {("Sanction", US, "Wuhan Huayi Chemical", None, "imposed")}),
    # passive voice with an agent, agentless passive (the agent from context)
    ("Huawei was added to the Entity List by the Commerce Department in 2019.",
     {("Sanction", "Commerce Department", "Huawei", None, "imposed")}, SAME),
    ("The Gulf Cartel was designated by the State Department last year.",
     {("Sanction", "State Department", "Gulf Cartel", None, "imposed")}, SAME),
    ("The United States imposed sanctions on Russia. Three more Russian banks were sanctioned on Monday.",
     {("Sanction", US, "Russia", None, "imposed")}, SAME),
    # an entity in an unrelated clause is no argument
    ("The sanctions, announced as Canada's envoy visited Beijing, target two Chinese firms.", set(), SAME),
    ("While Mexico hosted the summit, the United States imposed sanctions on Venezuela.",
     {("Sanction", US, "Venezuela", None, "imposed")}, SAME),
    ("Officials who visited Brazil said the United States imposed sanctions on Cuba.",
     {("Sanction", US, "Cuba", None, "imposed")}, SAME),
    ("Japan, which hosted talks with India, imposed sanctions on North Korea.",
     {("Sanction", "Japan", "North Korea", None, "imposed"), ("Meeting", "India", "Japan", None, None)}, SAME),
    # nominalisations and light verbs
    ("China's pledge to Mexico came after months of talks.", {("Pledge", "China", "Mexico", None, None)}, SAME),
    ("Washington announced sanctions against Nicaragua.", {("Sanction", US, "Nicaragua", None, "imposed")}, SAME),
    ("Talks between India and Pakistan resumed in Geneva.", {("Meeting", "India", "Pakistan", None, None)}, SAME),
    ("China made a commitment to Mexico to curb fentanyl exports.",
     {("Pledge", "China", "Mexico", "fentanyl", None)}, SAME),
    # reported speech: the speaker's side acts in what is said
    ("Blinken said the United States would cooperate with Mexico on fentanyl.",
     {("Cooperation", "Mexico", US, None, None)}, SAME),
    # statuses, negation and irrealis
    ("The United States lifted sanctions on Venezuela in 2023.", {("Sanction", US, "Venezuela", None, "lifted")}, SAME),
    ("Washington threatened to impose tariffs on China.", {("Sanction", US, "China", None, "threatened")}, SAME),
    ("The United States did not impose sanctions on Saudi Arabia.", set(), SAME),
    ("The United States could impose sanctions on Turkey.", set(), SAME),
    # pledges: a purpose clause's infinitive shares the pledge's participants
    ("Japan pledged $10 million to Peru and Bolivia.",
     {("Pledge", "Japan", "Peru", None, None), ("Pledge", "Japan", "Bolivia", None, None)}, SAME),
    ("Japan pledged $5 million to Colombia to fight cocaine trafficking.",
     {("Pledge", "Japan", "Colombia", "cocaine", None)}, SAME),
    ("The European Union promised aid to Ecuador.", {("Pledge", EU, "Ecuador", None, None)}, SAME),
    ("India committed to help Sri Lanka fight drug trafficking.", {("Pledge", "India", "Sri Lanka", None, None)}, SAME),
    # supply flows
    ("Cocaine from Colombia reached Spain through the port of Algeciras.",
     {("SupplyFlow", "Colombia", "Spain", "cocaine", None)}, SAME),
    ("Fentanyl precursors shipped from China to Mexico are made into pills.",
     {("SupplyFlow", "China", "Mexico", "precursor chemicals", None)}, SAME),
    ("Methamphetamine produced in Myanmar is trafficked to Thailand and Australia.",
     {("SupplyFlow", "Myanmar", "Thailand", "methamphetamine", None),
      ("SupplyFlow", "Myanmar", "Australia", "methamphetamine", None)}, SAME),
    ("Police seized 116 tonnes of cocaine in Belgium, most of it arriving from Ecuador.",
     {("SupplyFlow", "Ecuador", "Belgium", "cocaine", None)}, SAME),
    ("Captagon made in Syria is smuggled into Jordan and Saudi Arabia.",
     {("SupplyFlow", "Syria", "Jordan", "Captagon", None), ("SupplyFlow", "Syria", "Saudi Arabia", "Captagon", None)}, SAME),
    # seizures
    ("Spanish police seized 3 tonnes of cocaine in Valencia.",
     {("Seizure", "Spanish police", None, "cocaine", None), ("PartOf", "Spanish police", "Spain", None, None)}, SAME),
    # a flow is stated with where it goes: the tree reads none here, the rules an origin alone
    ("Australian Federal Police seized methamphetamine shipped from Canada.",
     {("Seizure", "Australian Federal Police", None, "methamphetamine", None),
      ("PartOf", "Australian Federal Police", "Australia", None, None)},
     {("Seizure", "Australian Federal Police", None, "methamphetamine", None),
      ("PartOf", "Australian Federal Police", "Australia", None, None),
      ("SupplyFlow", "Canada", None, "methamphetamine", None)}),
    # charges and arrests, with names no list holds (NER)
    ("Mexican authorities arrested Juan Carlos Hernandez Lopez in Sinaloa.",
     {("Charge", "Mexico", "Juan Carlos Hernandez Lopez", None, None)}, SAME),
    ("India's Narcotics Control Bureau arrested Rajesh Kumar Sharma in Mumbai.",
     {("Charge", "Narcotics Control Bureau", "Rajesh Kumar Sharma", None, None),
      ("PartOf", "Narcotics Control Bureau", "India", None, None)},
     {("PartOf", "Narcotics Control Bureau", "India", None, None)}),
    # meetings, cooperation, membership, affiliation, control
    ("Antony Blinken met with Mexican Foreign Minister Alicia Barcena in Mexico City.",
     {("Affiliation", "Alicia Barcena", "Mexico", None, None), ("Meeting", "Alicia Barcena", "Antony Blinken", None, None)},
     {("Affiliation", "Alicia Barcena", "Mexico", None, None), ("Meeting", "Mexico", "Antony Blinken", None, None)}),
    ("China will work with the United States to stop the flow of fentanyl.",
     {("Cooperation", "China", US, None, None)}, SAME),
    ("Mexico joined the Global Coalition to Address Synthetic Drug Threats.",
     {("Membership", "Mexico", "Global Coalition to Address Synthetic Drug Threats", None, None)}, SAME),
    ("India is a member of the Financial Action Task Force.",
     {("Membership", "India", "Financial Action Task Force", None, None)}, SAME),
    ("Ann Lee, a spokeswoman for the State Department, declined to comment.",
     {("Affiliation", "Ann Lee", "State Department", None, None)}, SAME),
    ("China scheduled all fentanyl-related substances in 2019.", {("Control", "China", None, "fentanyl", None)}, SAME),
    ("India banned the export of tramadol.", {("Control", "India", None, "tramadol", None)}, SAME),
    ("The United Nations placed xylazine under international control.",
     {("Control", "United Nations", None, "xylazine", None)}, SAME),
    # two sentences: the second's fact is its own
    ("The Commerce Department blacklisted Hubei Amarvel Biotech. The company sold precursors to Mexico.",
     {("Sanction", "Commerce Department", "Hubei Amarvel Biotech", None, "imposed")}, SAME),
    ("Britain sanctioned the Wagner Group. The group had smuggled captagon into Libya.",
     {("Sanction", "United Kingdom", "Wagner Group", None, "imposed")}, SAME),
    # more of each kind
    ("Australia imposed sanctions on Myanmar's military leaders in 2021.",
     {("Sanction", "Australia", "Myanmar", None, "imposed")}, SAME),
    ("The Commerce Department added Hubei Amarvel Biotech to the Entity List.",
     {("Sanction", "Commerce Department", "Hubei Amarvel Biotech", None, "imposed")}, SAME),
    ("Switzerland lifted sanctions on Libya.", {("Sanction", "Switzerland", "Libya", None, "lifted")}, SAME),
    ("The United States removed the Institute of Forensic Science from the Entity List.",
     {("Sanction", US, "Institute of Forensic Science", None, "lifted")}, SAME),
    ("Canada threatened sanctions on Nicaragua.", {("Sanction", "Canada", "Nicaragua", None, "threatened")}, SAME),
    ("The United Kingdom sanctioned Hezbollah in 2023.", {("Sanction", "United Kingdom", "Hezbollah", None, "imposed")}, SAME),
    ("Japan imposed sanctions on Russia, and Brazil welcomed the move.",
     {("Sanction", "Japan", "Russia", None, "imposed")},
     {("Sanction", "Japan", "Russia", None, "imposed"), ("Sanction", "Japan", "Brazil", None, "imposed")}),
    ("The Netherlands pledged 5 million euros to Suriname.", {("Pledge", "Netherlands", "Suriname", None, None)}, SAME),
    ("Germany promised help to Ecuador in its fight against cocaine.",
     {("Pledge", "Germany", "Ecuador", "cocaine", None)}, SAME),
    ("While Brazil hosted the talks, Peru pledged $2 million to Bolivia.", {("Pledge", "Peru", "Bolivia", None, None)}, SAME),
    ("Cocaine from Peru reached Belgium.", {("SupplyFlow", "Peru", "Belgium", "cocaine", None)}, SAME),
    ("Heroin from Myanmar is smuggled to India.", {("SupplyFlow", "Myanmar", "India", "heroin", None)}, SAME),
    ("Mexican police seized 500 kilograms of fentanyl in Sinaloa.",
     {("Seizure", "Mexican police", None, "fentanyl", None), ("PartOf", "Mexican police", "Mexico", None, None)}, SAME),
    ("Dutch customs seized two tonnes of cocaine in Rotterdam.",
     {("Seizure", "Dutch customs", None, "cocaine", None), ("PartOf", "Dutch customs", "Netherlands", None, None)}, SAME),
    ("Thailand banned the sale of kratom.", {("Control", "Thailand", None, "kratom", None)}, SAME),
    ("Colombia joined the Financial Action Task Force.",
     {("Membership", "Colombia", "Financial Action Task Force", None, None)}, SAME),
    # lists of those sanctioned after the sentence that says so
    ("The Treasury Department designated three people on Friday. The individuals are Li Ming, a broker; Zhou Hai, "
     "who runs a laboratory; and Zhou Lan, a courier.",
     {("Sanction", "Treasury Department", "Li Ming", None, "imposed"),
      ("Sanction", "Treasury Department", "Zhou Hai", None, "imposed"),
      ("Sanction", "Treasury Department", "Zhou Lan", None, "imposed")},
     # rules alone: "a courier" makes Zhou Lan a person (kg/extract/entities/context.py); Zhou Hai has no cue
     {("Sanction", "Treasury Department", "Li Ming", None, "imposed"),
      ("Sanction", "Treasury Department", "Zhou Lan", None, "imposed")}),
    ("Britain froze the assets of five people. Among them are Omar Haddad and Karim Saleh.",
     {("Sanction", "United Kingdom", "Omar Haddad", None, "imposed"),
      ("Sanction", "United Kingdom", "Karim Saleh", None, "imposed")}, SAME),
    # discourse: "the two ministers", "the two countries", a sentence opening with "it"
    ("Officials held a meeting in Lima between Peruvian Interior Minister Juan Carlos Ruiz and Bolivian Minister "
     "Ana Torres. The two ministers agreed to run joint patrols on the border.",
     {("Affiliation", "Juan Carlos Ruiz", "Peru", None, None), ("Affiliation", "Ana Torres", "Bolivia", None, None),
      ("Meeting", "Ana Torres", "Juan Carlos Ruiz", None, None), ("Cooperation", "Ana Torres", "Juan Carlos Ruiz", None, None)},
     {("Affiliation", "Juan Carlos Ruiz", "Peru", None, None), ("Affiliation", "Ana Torres", "Bolivia", None, None),
      ("Cooperation", "Ana Torres", "Juan Carlos Ruiz", None, None)}),
    ("Talks between Peru and Chile ended on Friday. The two countries agreed to share data on drug shipments.",
     {("Meeting", "Chile", "Peru", None, None), ("Cooperation", "Chile", "Peru", None, None)}, SAME),
    ("Canada imposed sanctions on Iran. It also sanctioned Russia.",
     {("Sanction", "Canada", "Iran", None, "imposed"), ("Sanction", "Canada", "Russia", None, "imposed")}, SAME),
    ("Colombia and Ecuador agreed to exchange intelligence on cocaine shipments.",
     {("Cooperation", "Colombia", "Ecuador", None, None)}, SAME),
    # a meeting stated as receiving a counterpart whose name only the NER knows
    ("Indonesian Foreign Minister Retno Marsudi received her Malaysian counterpart, Saifuddin Abdullah, in Jakarta.",
     {("Affiliation", "Retno Marsudi", "Indonesia", None, None), ("Meeting", "Retno Marsudi", "Saifuddin Abdullah", None, None),
      ("Affiliation", "Saifuddin Abdullah", "Malaysia", None, None)},
     {("Affiliation", "Retno Marsudi", "Indonesia", None, None)}),
    # the targets listed after a sanction; a counted group of a state's people is not the state
    ("Canada imposed sanctions on two Honduran officials. The two were Rosa Elena Paz Mejía and Luis Fernando Rivas.",
     {("Sanction", "Canada", "Rosa Elena Paz Mejía", None, "imposed"), ("Sanction", "Canada", "Luis Fernando Rivas", None, "imposed")},
     {("Sanction", "Canada", "Honduras", None, "imposed")}),
    # a lifting stated as the aim of an enacting verb
    ("Canada sanctioned Luis Fernando Rivas in 2023. In April, Canada amended the regulations to remove Rivas from the schedule.",
     {("Sanction", "Canada", "Luis Fernando Rivas", None, "imposed"), ("Sanction", "Canada", "Luis Fernando Rivas", None, "lifted")},
     {("Sanction", "Canada", "Luis Fernando Rivas", None, "imposed")}),
    # a flow with no origin of its own starts where the sentence or the one before says the drug is made
    ("Methamphetamine made in Myanmar is reaching Japan and Australia.",
     {("SupplyFlow", "Myanmar", "Japan", "methamphetamine", None), ("SupplyFlow", "Myanmar", "Australia", "methamphetamine", None)},
     SAME),
    ("Methamphetamine is produced in Myanmar. Most of the drug is smuggled into Laos and Thailand.",
     {("SupplyFlow", "Myanmar", "Laos", "methamphetamine", None), ("SupplyFlow", "Myanmar", "Thailand", "methamphetamine", None)},
     set()),
    # a route through a country: the whole route and its legs; where it leaves from and passes
    ("Captagon produced in Syria has been smuggled overland through Jordan to Saudi Arabia.",
     {("SupplyFlow", "Syria", "Saudi Arabia", "Captagon", None), ("SupplyFlow", "Syria", "Jordan", "Captagon", None),
      ("SupplyFlow", "Jordan", "Saudi Arabia", "Captagon", None)}, {("SupplyFlow", "Syria", "Saudi Arabia", "Captagon", None)}),
    ("Cocaine is moved through Mali and Niger into Libya.",
     {("SupplyFlow", "Mali", "Libya", "cocaine", None), ("SupplyFlow", "Niger", "Libya", "cocaine", None)}, set()),
    ("Heroin leaves Afghanistan through Tajikistan.", {("SupplyFlow", "Afghanistan", "Tajikistan", "heroin", None)}, set()),
    ("Cocaine shipments from Colombia pass through Honduras before reaching Mexico.",
     {("SupplyFlow", "Colombia", "Honduras", "cocaine", None), ("SupplyFlow", "Honduras", "Mexico", "cocaine", None),
      ("SupplyFlow", "Colombia", "Mexico", "cocaine", None)}, {("SupplyFlow", "Honduras", "Mexico", "cocaine", None)}),
    # those charged, named right after the charge; a list whose items semicolons part
    ("The Narcotics Control Commission arrested four suspects. They are Jorge Luis Cevallos Mera, an Ecuadorian "
     "national; Yaw Owusu-Ansah, a clearing agent; and Karim Fawaz, a businessman.",
     {("Charge", "Narcotics Control Commission", "Jorge Luis Cevallos Mera", None, None),
      ("Charge", "Narcotics Control Commission", "Yaw Owusu-Ansah", None, None),
      ("Charge", "Narcotics Control Commission", "Karim Fawaz", None, None)}, set()),
    # a role of a body before the name; the next item of a list is no apposition
    ("The Minister of the Interior of Ecuador, Juan Cárdenas, and the Belgian Minister of the Interior, Annelies "
     "Verhaegen, met in Quito.",
     {("Affiliation", "Juan Cárdenas", "Ecuador", None, None), ("Affiliation", "Annelies Verhaegen", "Belgium", None, None),
      ("Meeting", "Annelies Verhaegen", "Juan Cárdenas", None, None)},
     {("Affiliation", "Juan Cárdenas", "Ecuador", None, None), ("Affiliation", "Annelies Verhaegen", "Belgium", None, None)}),
    ("The Narcotics Control Commission (NACOC) seized the boat. The Director-General of NACOC, Mr. Kwabena "
     "Asante-Mensah, praised the officers.",
     {("Affiliation", "Kwabena Asante-Mensah", "Narcotics Control Commission", None, None)}, SAME),
    # a body inside another, stated with a verb or a noun
    ("The Central Narcotics Bureau, which comes under the Ministry of Home Affairs, seized the boat.",
     {("PartOf", "Central Narcotics Bureau", "Ministry of Home Affairs", None, None)}, set()),
    ("The Office of the Narcotics Control Board, an agency under the Ministry of Justice, said so.",
     {("PartOf", "Office of the Narcotics Control Board", "Ministry of Justice", None, None)}, set()),
    # a predicate of "be" stands for its subject; a possessive names the possessed
    ("Peru and Bolivia are \u201cthe main source countries for cocaine smuggled into Brazil,\u201d the report said.",
     {("SupplyFlow", "Peru", "Brazil", "cocaine", None), ("SupplyFlow", "Bolivia", "Brazil", "cocaine", None)}, SAME),
    ("Myanmar is one of the biggest methamphetamine producers in the region.",
     {("SupplyFlow", "Myanmar", None, "methamphetamine", None)}, set()),
    ("The police track the flow of heroin from Afghanistan into Iran in a new report.",
     {("SupplyFlow", "Afghanistan", "Iran", "heroin", None)}, SAME),
    ("Washington lifted sanctions on the Ministry of Public Health's Institute of Drug Control.",
     {("Sanction", US, "Institute of Drug Control", None, "lifted")}, SAME),
    # a commitment to share with someone is a pledge to them as well as cooperation; "committed to doing"
    ("Indonesia's National Narcotics Board undertook to share seizure data with Malaysia and Thailand.",
     {("Pledge", BNN, "Malaysia", None, None), ("Pledge", BNN, "Thailand", None, None),
      ("Cooperation", BNN, "Malaysia", None, None), ("Cooperation", BNN, "Thailand", None, None),
      ("PartOf", BNN, "Indonesia", None, None)},
     {("Pledge", BNN, "Malaysia", None, None), ("Pledge", BNN, "Thailand", None, None),
      ("PartOf", BNN, "Indonesia", None, None)}),
    ("Japan remains committed to supporting the Philippine authorities in the fight against methamphetamine.",
     {("Pledge", "Japan", "Philippines", "methamphetamine", None)}, SAME),
    # a passive whose subject follows it; a court the charge is brought in; goods received are no visit
    ("The Treasury Department designated Lin Hao on Friday. Also designated are Azul Marina Logistics S.A. and "
     "Pacifico Trading LLC.",
     {("Sanction", "Treasury Department", "Lin Hao", None, "imposed"),
      ("Sanction", "Treasury Department", "Azul Marina Logistics S.A.", None, "imposed"),
      ("Sanction", "Treasury Department", "Pacifico Trading LLC", None, "imposed")}, set()),
    ("Omar Haddad was indicted in the U.S. District Court for the Eastern District of Virginia in 2022.",
     {("Charge", "U.S. District Court for the Eastern District of Virginia", "Omar Haddad", None, None),
      ("PartOf", "U.S. District Court for the Eastern District of Virginia", US, None, None)},
     {("PartOf", "U.S. District Court for the Eastern District of Virginia", US, None, None)}),
    ("Azul Marina Logistics S.A., which received the Pacifico Trading consignments, was fined.", set(), SAME),
    # a plural description for the last two named; a commitment to help someone
    ("The tablets were made by Sunleaf Pharma Ltd and Orvita Remedies Pvt Ltd. Ghana's Food and Drugs Authority "
     "blacklisted both Indian firms.",
     {("Sanction", FDA_GH, "Sunleaf Pharma Ltd", None, "imposed"), ("Sanction", FDA_GH, "Orvita Remedies Pvt Ltd.", None, "imposed"),
      ("PartOf", FDA_GH, "Ghana", None, None)},
     {("Sanction", FDA_GH, "India", None, "imposed"), ("PartOf", FDA_GH, "Ghana", None, None)}),
    ("New Zealand made a commitment to help Samoa patrol its waters.", {("Pledge", "New Zealand", "Samoa", None, None)}, SAME),
    # a route across a country is two legs, across a sea none; where it was before being shipped
    ("The opium had been grown in Afghanistan and carried overland across Iran into Turkey.",
     {("SupplyFlow", "Afghanistan", "Turkey", "opium", None), ("SupplyFlow", "Afghanistan", "Iran", "opium", None),
      ("SupplyFlow", "Iran", "Turkey", "opium", None)}, {("SupplyFlow", "Afghanistan", "Turkey", "opium", None)}),
    ("Hashish is smuggled from Morocco across the Mediterranean Sea into Spain.",
     {("SupplyFlow", "Morocco", "Spain", "cannabis", None)}, SAME),
    ("The cocaine was stored in a warehouse in Accra before being shipped to Rotterdam.",
     {("SupplyFlow", "Ghana", "Netherlands", "cocaine", None)}, set()),
    # the list a control names in the next sentence; a member state; a tier of the law
    ("Malaysia has placed four nitazene synthetic opioids under the strictest tier of its drug laws. They include "
     "metonitazene, isotonitazene and butonitazene.",
     {("Control", "Malaysia", None, "opioids", None), ("Control", "Malaysia", None, "metonitazene", None),
      ("Control", "Malaysia", None, "isotonitazene", None), ("Control", "Malaysia", None, "butonitazene", None)}, set()),
    ("Romania, an EU member state, has tightened border checks.", {("Membership", "Romania", EU, None, None)}, set()),
    # the European Union's word for sanctions; off a list
    ("The Council of the European Union decided to impose restrictive measures on the Desert Falcon Brigade.",
     {("Sanction", "Council of the European Union", "Desert Falcon Brigade", None, "imposed")}, set()),
    ("The Commercial Bank of Syria was taken off the EU's asset-freeze list.",
     {("Sanction", EU, "Commercial Bank of Syria", None, "lifted")}, set()),
    # a body, a word or two and a role before the name; a role of a body its country's demonym opens
    ("UNODC regional representative Inés Carrasco Villalba praised the seizure.",
     {("Affiliation", "Inés Carrasco Villalba", "United Nations Office on Drugs and Crime", None, None)}, SAME),
    ("The deal was signed by the Commissioner-General of the Belgian Federal Police, Kristof Vandenbroucke.",
     {("Affiliation", "Kristof Vandenbroucke", "Belgian Federal Police", None, None),
      ("PartOf", "Belgian Federal Police", "Belgium", None, None)}, SAME),
    ("The manager of Scheldeport Logistics, Kevin Van den Broeck, declined to comment.",
     {("Affiliation", "Kevin Van den Broeck", "Scheldeport Logistics", None, None)}, SAME),
    # a verb is no role; a plural description with no count stands for no one named
    ("Reuters quoted prosecutor Russell McGuire as saying the firm had lied.", set(), SAME),
    ("India and Sri Lanka were hit hardest. The International Monetary Fund has promised rapid action to help the "
     "governments of the stricken countries.", {("Pledge", "International Monetary Fund", None, None, None)}, SAME),
    # the names of those a charge just counted; a passive whose subject follows it
    ("Two men were arrested in Malé on Monday. The Maldivian police named them as Ahmed Shifaz, 33, and Hassan "
     "Naseem, 29.",
     {("Charge", "Maldivian police", "Ahmed Shifaz", None, None), ("Charge", "Maldivian police", "Hassan Naseem", None, None),
      ("PartOf", "Maldivian police", "Maldives", None, None)}, {("PartOf", "Maldivian police", "Maldives", None, None)}),
    ("The Guardia Civil arrested Jonathan Moreno Gil at his home. Also detained were Abdelkader Benali Haddou and "
     "Francisco Javier Valdivia Ortega.",
     {("Charge", "Guardia Civil", "Jonathan Moreno Gil", None, None),
      ("Charge", "Guardia Civil", "Abdelkader Benali Haddou", None, None),
      ("Charge", "Guardia Civil", "Francisco Javier Valdivia Ortega", None, None)}, SAME),
    ("The prize was named after Nelson Mandela. The winners were identified as Ana Ruiz and Tom Lee.", set(), SAME),
    # an announced provision for someone named is a pledge; with no one named, no fact
    ("Japan will donate three patrol boats to Tonga.", {("Pledge", "Japan", "Tonga", None, None)}, set()),
    ("China have made great progress and will provide difficult opposition.", set(), SAME),
    # a government is its state
    ("The Government of Japan pledged a patrol vessel to Samoa.", {("Pledge", "Japan", "Samoa", None, None)}, SAME),
    # a meeting still to come is no meeting
    ("President William Ruto met Prime Minister Narendra Modi in Delhi. The two leaders agreed to meet again in "
     "Nairobi next year.",
     {("Meeting", "Narendra Modi", "William Ruto", None, None)},
     {("Meeting", "Narendra Modi", "William Ruto", None, None), ("Pledge", "Narendra Modi", None, None, None),
      ("Pledge", "William Ruto", None, None, None)}),
    # a trigger word inside a name states nothing
    ("The Treasury Department designated Zhou Hai and Li Ming as Specially Designated Nationals on Friday.",
     {("Sanction", "Treasury Department", "Zhou Hai", None, "imposed"),
      ("Sanction", "Treasury Department", "Li Ming", None, "imposed")},
     {("Sanction", "Treasury Department", "Li Ming", None, "imposed")}),
    # a sea is crossed, never left or reached; a port the text places in a country; "to" hung on "from"
    ("The heroin is shipped across the Indian Ocean to Kenya and Tanzania.", set(), SAME),
    ("Two tonnes of APAA were shipped in containers from the port of Nhava Sheva in India to Antwerp.",
     {("SupplyFlow", "India", "Belgium", "alpha-phenylacetoacetamide", None)},
     {("SupplyFlow", "India", None, "alpha-phenylacetoacetamide", None)}),
    ("The cocaine was loaded at the port of Guayaquil, Ecuador, and shipped to Rotterdam.",
     {("SupplyFlow", "Ecuador", "Netherlands", "cocaine", None)}, set()),
    # where the chemicals are used (a clause the parser joined to the flow's); a country naming the shipments
    ("Precursor chemicals shipped from India and China were being used in clandestine laboratories in Mexico and, "
     "increasingly, in Canada.",
     {("SupplyFlow", "China", "Canada", "precursor chemicals", None), ("SupplyFlow", "China", "Mexico", "precursor chemicals", None),
      ("SupplyFlow", "India", "Canada", "precursor chemicals", None), ("SupplyFlow", "India", "Mexico", "precursor chemicals", None)},
     {("SupplyFlow", "China", None, "precursor chemicals", None), ("SupplyFlow", "India", None, "precursor chemicals", None)}),
    ("The Thai methamphetamine shipments are then driven south to Malaysia.",
     {("SupplyFlow", "Thailand", "Malaysia", "methamphetamine", None)}, set()),
    # an agentless arrest after a sentence naming several bodies: the first of them acts
    ("The raid was carried out by the Philippine Drug Enforcement Agency together with the Bureau of Customs. "
     "Arrested on board were two crew members, Rodelio Santos and Jericho Villanueva.",
     {("Charge", "Philippine Drug Enforcement Agency", "Jericho Villanueva", None, None),
      ("Charge", "Philippine Drug Enforcement Agency", "Rodelio Santos", None, None),
      ("PartOf", "Philippine Drug Enforcement Agency", "Philippines", None, None)},
     {("Cooperation", "Bureau of Customs", "Philippine Drug Enforcement Agency", None, None),
      ("PartOf", "Philippine Drug Enforcement Agency", "Philippines", None, None)}),
    # members listed after the body: "whose members are", "which brings together"; "brought together" people
    ("The plan was drafted by Europol, whose members are Belgium, France and Spain.",
     {("Membership", "Belgium", "Europol", None, None), ("Membership", "France", "Europol", None, None),
      ("Membership", "Spain", "Europol", None, None)}, set()),
    ("The ship was tracked by MAOC-N, which brings together Spain, Portugal, France and Italy.",
     {("Membership", country, "Maritime Analysis and Operations Centre – Narcotics", None, None)
      for country in ("Spain", "Portugal", "France", "Italy")}, set()),
    ("The DEA brought together agents from Peru and Bolivia.", set(), SAME),
    # who acts with someone's help, support or assistance; a body does not cooperate with its own state
    ("The DEA investigated the case with assistance from Ecuador's National Police.",
     {("Cooperation", "Ecuador's National Police", "Drug Enforcement Administration", None, None),
      ("PartOf", "Ecuador's National Police", "Ecuador", None, None)}, SAME),
    ("The Guardia Civil carried out the operation with the support of the National Police of Ecuador.",
     {("Cooperation", "National Police of Ecuador", "Guardia Civil", None, None)}, set()),
    ("The EU Border Assistance Mission in Libya works with Libya's Ministry of Interior and the Libyan Coast Guard on "
     "border management.",
     {("PartOf", "Libya's Ministry of Interior", "Libya", None, None), ("PartOf", "Libyan Coast Guard", "Libya", None, None)},
     SAME),
    # what the vessels bound somewhere carry is the drug the text named last; the leg starts where the last ended
    ("Heroin from Afghanistan is trucked through Balochistan to Pakistan's coast and loaded onto dhows bound for Kenya.",
     {("SupplyFlow", "Afghanistan", "Pakistan", "heroin", None), ("SupplyFlow", "Pakistan", "Kenya", "heroin", None)},
     {("SupplyFlow", "Afghanistan", "Kenya", "heroin", None)}),
    # the person named after a role noun's "of" object is the one charged, not the company
    ("Ecuador's National Police arrested the owner of Frutas del Guayas, Jorge Andrés Villacís Moreira, on Tuesday.",
     {("Charge", "Ecuador's National Police", "Jorge Andrés Villacís Moreira", None, None),
      ("PartOf", "Ecuador's National Police", "Ecuador", None, None)}, SAME),
    ("The Attorney General's Office charged the legal representative of Insumos Industriales del Pacífico, "
     "Luis Fernando Ocampo Restrepo.",
     {("Charge", "Attorney General's Office", "Luis Fernando Ocampo Restrepo", None, None)}, SAME),
    # off a list whose long name the parser splits at "and"
    ("In a separate action, OFAC is removing Inversiones Palmar del Caribe S.A.S., a Colombian agricultural company "
     "designated in 2019, from the Specially Designated Nationals and Blocked Persons List (SDN List).",
     {("Sanction", "Office of Foreign Assets Control", "Inversiones Palmar del Caribe S.A.S.", None, "lifted")}, set()),
    # "the police" arresting in a country are that country's
    ("In the Netherlands, the police arrested a Dutch national, Ruud Hoekstra.",
     {("Charge", "Netherlands", "Ruud Hoekstra", None, None)}, set()),
    ("The police arrested Ruud Hoekstra in Madrid.", set(), SAME),
    # a body of no state reports seizures, it makes none; a state's body does
    ("The UNODC seized two tonnes of methamphetamine in the region last year, its report said.", set(), SAME),
    ("The Narcotics Control Bureau seized two tonnes of methamphetamine.",
     {("Seizure", "Narcotics Control Bureau", None, "methamphetamine", None)}, SAME),
    # a pledge several make together is made to no counterpart; one country's, to the other of the deal
    ("India met the G7 in New Delhi, and India asked for help. Britain, Canada and France committed to tighten "
     "controls on precursors.",
     {("Meeting", "G7", "India", None, None), ("Pledge", "Canada", None, "precursor chemicals", None),
      ("Pledge", "France", None, "precursor chemicals", None),
      ("Pledge", "United Kingdom", None, "precursor chemicals", None)},
     {("Meeting", "G7", "India", None, None), ("Pledge", "Canada", None, "precursor chemicals", None),
      ("Pledge", "France", None, "precursor chemicals", None),
      ("Pledge", "United Kingdom", None, "precursor chemicals", None),
      ("Control", "Canada", None, "precursor chemicals", None), ("Control", "France", None, "precursor chemicals", None),
      ("Control", "United Kingdom", None, "precursor chemicals", None)}),
    ("India met Britain in New Delhi, and India asked for help. Britain committed to tighten controls on precursors.",
     {("Meeting", "United Kingdom", "India", None, None), ("Pledge", "United Kingdom", "India", "precursor chemicals", None)},
     {("Meeting", "United Kingdom", "India", None, None), ("Pledge", "United Kingdom", "India", "precursor chemicals", None),
      ("Control", "United Kingdom", None, "precursor chemicals", None)}),
    # a flow whose clause names no drug carries the one its sentence names
    ("For a decade captagon, a stimulant made largely in Syria, has been smuggled overland through Jordan to Saudi Arabia.",
     {("SupplyFlow", "Syria", "Jordan", "Captagon", None), ("SupplyFlow", "Jordan", "Saudi Arabia", "Captagon", None),
      ("SupplyFlow", "Syria", "Saudi Arabia", "Captagon", None)},
     {("SupplyFlow", "Syria", "Saudi Arabia", "Captagon", None)}),
    # a verb coordinated with another shares the words that open the clause ("From there")
    ("Cocaine from Colombia reaches Libya by road. From there the cocaine is taken to the coast and smuggled to Europe.",
     {("SupplyFlow", "Colombia", "Libya", "cocaine", None), ("SupplyFlow", "Libya", "Europe", "cocaine", None)},
     {("SupplyFlow", "Colombia", "Libya", "cocaine", None)}),
    # a sanction on counted people and companies is on those the next sentences name first, up to the
    # count; not on a speaker, nor on one another fact of the sentence is about
    ("OFAC designated six individuals and two companies on Tuesday. At the centre of the network is Hernán Restrepo, "
     "a Colombian broker. His partner Ali Haddad runs Brilliant Peak Trading, which was also designated. "
     '"We will act," said Treasury official John Smith.',
     {("Sanction", "Office of Foreign Assets Control", "Hernán Restrepo", None, "imposed"),
      ("Sanction", "Office of Foreign Assets Control", "Ali Haddad", None, "imposed"),
      ("Sanction", "Office of Foreign Assets Control", "Brilliant Peak Trading", None, "imposed")}, set()),
    ("Britain froze the assets of two people. They are Imad Barakat and Rami Shalhoub. Police in Madrid arrested "
     "Juan Pérez.",
     {("Sanction", "United Kingdom", "Imad Barakat", None, "imposed"),
      ("Sanction", "United Kingdom", "Rami Shalhoub", None, "imposed")}, set()),
    ("The Council of the European Union added four individuals and two companies to its sanctions regime on Mali. "
     "The individuals include Ahmed Ould Sidi, a trader, and Moussa Maiga. The companies are Tilemsi Transport SARL "
     "and Sahel Negoce SA.",
     {("Sanction", "Council of the European Union", name, None, "imposed")
      for name in ("Ahmed Ould Sidi", "Moussa Maiga", "Tilemsi Transport SARL", "Sahel Negoce SA")},
     {("Sanction", "Council of the European Union", name, None, "imposed")
      for name in ("Ahmed Ould Sidi", "Moussa Maiga", "Tilemsi Transport SARL", "Sahel Negoce SA", "Mali")}),
    # a pledge names no one to receive it: those what is promised is for (not the pledging side)
    ("The Netherlands has committed EUR 8 million to train prosecutors in Ecuador.",
     {("Pledge", "Netherlands", "Ecuador", None, None)}, set()),
    ("Thailand promised to train Lao and Myanmar drug officers at its academy in Chiang Mai.",
     {("Pledge", "Thailand", "Laos", None, None), ("Pledge", "Thailand", "Myanmar", None, None)}, SAME),
    # an announced contribution; the body it goes to, not the country opening the body's name
    ("The European Union will contribute EUR 6 million over three years to equip the forensic laboratory of "
     "Ecuador's National Police.",
     {("Pledge", EU, "Ecuador's National Police", None, None),
      ("PartOf", "Ecuador's National Police", "Ecuador", None, None)},
     {("PartOf", "Ecuador's National Police", "Ecuador", None, None)}),
    # … but not any name what is promised mentions
    ("France and Germany vowed to run their budget deficits below the EU cap in 2005.",
     {("Pledge", "France", None, None, None), ("Pledge", "Germany", None, None, None)}, SAME),
    ("G8 ministers agreed to instruct the World Bank and the International Monetary Fund to complete an analysis.",
     {("Pledge", "G8", None, None, None)},
     {("Pledge", "G8", "International Monetary Fund", None, None), ("Pledge", "G8", "World Bank", None, None)}),
    ("India had committed to sharing quarterly data on xylazine exports with the INCB.",
     {("Pledge", "India", "International Narcotics Control Board", "xylazine", None)}, SAME),
    # an action coordinated with a body is the acting body's cooperation; intelligence sharing with one
    ("OFAC designated the network on Tuesday. This action was coordinated closely with the Drug Enforcement "
     "Administration.",
     {("Cooperation", "Drug Enforcement Administration", "Office of Foreign Assets Control", None, None)}, set()),
    ("Senegal and Côte d'Ivoire have agreed to expand intelligence sharing with Europol.",
     {("Cooperation", "Europol", "Ivory Coast", None, None), ("Cooperation", "Europol", "Senegal", None, None),
      ("Pledge", "Ivory Coast", "Europol", None, None), ("Pledge", "Senegal", "Europol", None, None)},
     {("Pledge", "Ivory Coast", "Europol", None, None), ("Pledge", "Senegal", "Europol", None, None)}),
    # the departure point or stepping stone for a drug bound somewhere is where it leaves from
    ("Ecuador has become the main departure point for cocaine bound for Europe, according to Europol.",
     {("SupplyFlow", "Ecuador", "Europe", "cocaine", None)}, set()),
    ("West Africa has long served as a stepping stone for cocaine bound for Europe.",
     {("SupplyFlow", "West Africa", "Europe", "cocaine", None)}, set()),
    # a state's people qualified by two demonyms stand for both states
    ("Dutch and Belgian prosecutors met at Eurojust's offices in The Hague twice in February.",
     {("Meeting", "Belgium", "Netherlands", None, None)},
     {("Meeting", "Eurojust", "Belgium", None, None), ("Meeting", "Eurojust", "Netherlands", None, None)}),
    # people counted right after a sanction and named after a colon; a count whose own sentence lists the names
    ("Britain imposed sanctions on a captagon network on Monday. Four individuals were named: Imad Barakat, a "
     "former commander, Khaled Qassab, and two financiers, Rami Shalhoub and Tarek Mansour.",
     {("Sanction", "United Kingdom", name, None, "imposed")
      for name in ("Imad Barakat", "Khaled Qassab", "Rami Shalhoub", "Tarek Mansour")}, set()),
    ("OFAC announced sanctions on three people it accused of selling chemicals to the Sinaloa Cartel: Ana Ruiz, "
     "Pedro Gil and Luis Mora.",
     {("Sanction", "Office of Foreign Assets Control", name, None, "imposed")
      for name in ("Ana Ruiz", "Pedro Gil", "Luis Mora")}, set()),
    # the ministers of several states meeting are a meeting of those states, each pair of them
    ("Ministers from China, Laos, Myanmar and Thailand met in Chiang Rai.",
     {("Meeting", a, b, None, None) for a, b in (("China", "Laos"), ("China", "Myanmar"), ("China", "Thailand"),
                                                 ("Laos", "Myanmar"), ("Laos", "Thailand"), ("Myanmar", "Thailand"))},
     {("Meeting", "China", "Laos", None, None), ("Meeting", "China", "Myanmar", None, None),
      ("Meeting", "China", "Thailand", None, None)}),
    # a member state of a body; "Inter-American" names no body of the United States
    ("Ecuador is a member state of the Inter-American Drug Abuse Control Commission.",
     {("Membership", "Ecuador", "Inter-American Drug Abuse Control Commission", None, None)}, set()),
    # "Guinea-Bissau" in a body's name is Guinea-Bissau, not Guinea
    ("The Judicial Police of Guinea-Bissau arrested three men on Monday.",
     {("PartOf", "Judicial Police of Guinea-Bissau", "Guinea-Bissau", None, None)}, SAME),
    # who announces a designation imposes it
    ("The Foreign Office announced the designation of Golden Lotus Trading Company and its owner Aung Kyaw Min.",
     {("Sanction", FCDO, "Golden Lotus Trading Company", None, "imposed"), ("Sanction", FCDO, "Aung Kyaw Min", None, "imposed"),
      ("Affiliation", "Aung Kyaw Min", "Golden Lotus Trading Company", None, None)},
     {("Sanction", FCDO, "Golden Lotus Trading Company", None, "imposed")}),
    # "with A and with B": both
    ("Spain's Guardia Civil cooperated with Europol and with Portugal's Judicial Police.",
     {("Cooperation", "Guardia Civil", "Europol", None, None), ("Cooperation", "Guardia Civil", "Portugal's Judicial Police", None, None),
      ("PartOf", "Guardia Civil", "Spain", None, None), ("PartOf", "Portugal's Judicial Police", "Portugal", None, None)},
     {("Cooperation", "Guardia Civil", "Europol", None, None),
      ("PartOf", "Guardia Civil", "Spain", None, None), ("PartOf", "Portugal's Judicial Police", "Portugal", None, None)}),
    # "a Venezuelan living in …" says what the person is: the country is no one designated
    ("The U.S. Treasury also designated Deivis Javier Castellanos Mujica, a Venezuelan living in Santiago.",
     {("PartOf", "Treasury Department", US, None, None),
      ("Sanction", "Treasury Department", "Deivis Javier Castellanos Mujica", None, "imposed")},
     {("PartOf", "Treasury Department", US, None, None), ("Sanction", "Treasury Department", "Venezuela", None, "imposed")}),
    # a wire story's dateline is no party to what its sentence says
    ("BRUSSELS, March 11 (Adriatic Wire) - Belgian police launched an operation with Dutch customs against a cocaine network.",
     {("Cooperation", "Belgian police", "Dutch customs", None, None), ("PartOf", "Belgian police", "Belgium", None, None),
      ("PartOf", "Dutch customs", "Netherlands", None, None)},
     {("PartOf", "Belgian police", "Belgium", None, None), ("PartOf", "Dutch customs", "Netherlands", None, None)}),
    # where a flow leaves from: a port used to ship it, where what leaves was produced
    ("Investigators say the network used the port of Santos to ship several tonnes of cocaine to Spain and Portugal.",
     {("SupplyFlow", "Brazil", "Spain", "cocaine", None), ("SupplyFlow", "Brazil", "Portugal", "cocaine", None)}, SAME),
    ("A large part of the cocaine produced in Colombia leaves for the port of Antwerp-Bruges.",
     {("SupplyFlow", "Colombia", "Belgium", "cocaine", None)}, SAME),
    # where it goes: where it was found, or arrived after it was shipped
    ("Police said the heroin found in Mombasa had been shipped from Pakistan.",
     {("SupplyFlow", "Pakistan", "Kenya", "heroin", None)}, {("SupplyFlow", "Pakistan", None, "heroin", None)}),
    ("Most nitazene products found in Singapore had been ordered from online vendors in Europe.",
     {("SupplyFlow", "Europe", "Singapore", "nitazenes", None)}, set()),
    ("The tramadol was shipped from Mumbai in India and arrived at the port of Apapa in late March.",
     {("SupplyFlow", "India", "Apapa", "tramadol", None)}, {("SupplyFlow", "India", None, "tramadol", None)}),
    # the name of an ambassador "to" a country the parser hung on that country; the body that
    # owns what someone heads
    ("The UK's ambassador to Thailand, Eleanor Whitfield, met Thai officials on Monday.",
     {("Affiliation", "Eleanor Whitfield", "United Kingdom", None, None), ("Meeting", "Thailand", "Eleanor Whitfield", None, None)},
     set()),
    ("Dr Agnieszka Wroblewska, who heads the EUDA's early warning system, met Polish officials.",
     {("Affiliation", "Agnieszka Wroblewska", "European Union Drugs Agency", None, None),
      ("Meeting", "Poland", "Agnieszka Wroblewska", None, None)}, SAME),
    # a freeze of what belongs to someone; those "among the firms listed" after a listing, each
    # of a list the parser hung on a name's last word
    ("Britain froze funds belonging to Viktor Orlov on Monday.", {("Sanction", "United Kingdom", "Viktor Orlov", None, "imposed")},
     set()),
    ("The Commerce Department added 14 chemical suppliers to the Entity List. Among the firms listed were Wuhan Kaiyue "
     "Pharmatech Co., Ltd. and Hebei Tianlan New Materials Co., Ltd.",
     {("Sanction", "Commerce Department", "Wuhan Kaiyue Pharmatech Co., Ltd.", None, "imposed"),
      ("Sanction", "Commerce Department", "Hebei Tianlan New Materials Co., Ltd.", None, "imposed")}, set()),
    # a public body acting on what another gave it; a company's bank is no such partner
    ("Ghana's Narcotics Control Commission acted on intelligence from the United Kingdom's National Crime Agency (NCA).",
     {("Cooperation", "National Crime Agency", "Ghana's Narcotics Control Commission", None, None),
      ("PartOf", "Ghana's Narcotics Control Commission", "Ghana", None, None), ("PartOf", "National Crime Agency", "United Kingdom", None, None)},
     {("PartOf", "Ghana's Narcotics Control Commission", "Ghana", None, None), ("PartOf", "National Crime Agency", "United Kingdom", None, None)}),
    ("Dutch investigators raided the warehouse after a tip from the Belgian Federal Judicial Police.",
     {("Cooperation", "Belgian Federal Judicial Police", "Netherlands", None, None),
      ("PartOf", "Belgian Federal Judicial Police", "Belgium", None, None)},
     {("PartOf", "Belgian Federal Judicial Police", "Belgium", None, None)}),
    ("The company acted on information from its bank, Barclays.", set(), SAME),
    # a state's bodies stand for it; what a seizure included was seized; "the two bodies" are
    # still the two named before
    ("Tajik law enforcement bodies seized 3.1 tonnes of narcotics in 2024, including 1.9 tonnes of heroin and 640 kilograms "
     "of opium.",
     {("Seizure", "Tajikistan", None, "illicit drugs", None), ("Seizure", "Tajikistan", None, "heroin", None),
      ("Seizure", "Tajikistan", None, "opium", None)}, {("Seizure", "Tajikistan", None, "illicit drugs", None)}),
    ("Officials from Myanmar's Central Committee for Drug Abuse Control and the Myanmar Police Force met in May. The two "
     "bodies were designated by the U.S. Treasury in 2022.",
     {("Meeting", CCDAC, "Myanmar Police Force", None, None), ("PartOf", CCDAC, "Myanmar", None, None),
      ("PartOf", "Myanmar Police Force", "Myanmar", None, None), ("PartOf", "Treasury Department", US, None, None),
      ("Sanction", "Treasury Department", CCDAC, None, "imposed"),
      ("Sanction", "Treasury Department", "Myanmar Police Force", None, "imposed")},
     {("Meeting", CCDAC, "Myanmar Police Force", None, None), ("PartOf", CCDAC, "Myanmar", None, None),
      ("PartOf", "Myanmar Police Force", "Myanmar", None, None), ("PartOf", "Treasury Department", US, None, None)}),
    # bound for one place after it was loaded in another; sent by post
    ("The captagon consignment had been loaded in the Syrian city of Deir ez-Zor and was destined for Saudi Arabia and Kuwait.",
     {("SupplyFlow", "Syria", "Saudi Arabia", "Captagon", None), ("SupplyFlow", "Syria", "Kuwait", "Captagon", None)}, SAME),
    ("Vendors mailed the nitazene pills from Latvia to buyers in Finland.",
     {("SupplyFlow", "Latvia", "Finland", "nitazenes", None)}, set()),
    # talks one travels for; a counterpart is the state he speaks for, or the person named
    ("Iraq's interior minister, Abdul Amir al-Jubouri, travelled to Kuwait City for talks with Lieutenant General Yousef "
     "Mubarak al-Rashidi.",
     {("Affiliation", "Abdul Amir al-Jubouri", "Iraq", None, None),
      ("Meeting", "Abdul Amir al-Jubouri", "Yousef Mubarak al-Rashidi", None, None)}, SAME),
    ("The Jordanian interior minister, Omar al-Majali, hosted his Syrian counterpart in Amman on Sunday.",
     {("Affiliation", "Omar al-Majali", "Jordan", None, None), ("Meeting", "Syria", "Omar al-Majali", None, None)},
     {("Affiliation", "Omar al-Majali", "Jordan", None, None)}),
    ("The Colombian defence minister, Pedro Arias, met his Ecuadorian counterpart, Lucía Restrepo, in Quito.",
     {("Affiliation", "Pedro Arias", "Colombia", None, None), ("Affiliation", "Lucía Restrepo", "Ecuador", None, None),
      ("Meeting", "Lucía Restrepo", "Pedro Arias", None, None)},
     {("Affiliation", "Pedro Arias", "Colombia", None, None), ("Meeting", "Ecuador", "Pedro Arias", None, None)}),
    # "X announced that it would fund …" is X's commitment; "they would provide a tough test" none
    ("Australia announced in May that it would fund a new centre in Fiji.", {("Pledge", "Australia", "Fiji", None, None)}, set()),
    ("The coach said they would provide a tough test for Wales.", set(), SAME),
    # those "among the associates designated", and "named alongside" one, right after a designation;
    # one named to a post is not
    ("OFAC designated Martin Dunleavy on Tuesday. Among the associates designated were Gerard Kavanagh and Natalija Petrovic.",
     {("Sanction", OFAC, "Martin Dunleavy", None, "imposed"), ("Sanction", OFAC, "Gerard Kavanagh", None, "imposed"),
      ("Sanction", OFAC, "Natalija Petrovic", None, "imposed")}, {("Sanction", OFAC, "Martin Dunleavy", None, "imposed")}),
    ("The U.S. Treasury designated Horacio Villalba. Named alongside Villalba were Tabacalera Itapua S.A. and Inversiones Yguazu S.A.",
     {("PartOf", "Treasury Department", US, None, None), ("Sanction", "Treasury Department", "Horacio Villalba", None, "imposed"),
      ("Sanction", "Treasury Department", "Tabacalera Itapua S.A.", None, "imposed"),
      ("Sanction", "Treasury Department", "Inversiones Yguazu S.A.", None, "imposed")},
     {("PartOf", "Treasury Department", US, None, None), ("Sanction", "Treasury Department", "Horacio Villalba", None, "imposed")}),
    ("The U.S. Treasury designated Horacio Villalba. His son was named chief executive of the firm.",
     {("PartOf", "Treasury Department", US, None, None), ("Sanction", "Treasury Department", "Horacio Villalba", None, "imposed")}, SAME),
    # a state that will invest in a body, or send officers to another state, commits to it
    ("The Netherlands will invest an extra 52 million euros in the Dutch Caribbean Coast Guard over the next four years.",
     {("PartOf", "Dutch Caribbean Coast Guard", "Netherlands", None, None),
      ("Pledge", "Netherlands", "Dutch Caribbean Coast Guard", None, None)},
     {("PartOf", "Dutch Caribbean Coast Guard", "Netherlands", None, None)}),
    ("Japan's National Police Agency would send two investigators to Mexico this year.",
     {("PartOf", "Japan's National Police Agency", "Japan", None, None), ("Pledge", "Japan's National Police Agency", "Mexico", None, None)},
     {("PartOf", "Japan's National Police Agency", "Japan", None, None)}),
    # what was bought from somewhere and shipped on ("ships *it*") leaves from there; another
    # drug exported does not
    ("The group buys cocaine from suppliers in Colombia and Ecuador and ships it to Spain.",
     {("SupplyFlow", "Colombia", "Spain", "cocaine", None), ("SupplyFlow", "Ecuador", "Spain", "cocaine", None)}, SAME),
    ("The network imported cocaine from South America and exported methamphetamine to Australia.", set(),
     {("SupplyFlow", "South America", "Australia", "methamphetamine", None)}),
]


@pytest.mark.parametrize("text, expected, _", TABLE, ids=[row[0][:60] for row in TABLE])
def test_syntax_sentence_states_relations_with_the_parser(parsed, text, expected, _):
    found, _extraction = relations(parsed, text)
    assert found == expected


@pytest.mark.parametrize("text, _, expected", TABLE, ids=[row[0][:60] for row in TABLE])
def test_syntax_sentence_states_relations_with_rules_alone(rules, text, _, expected):
    found, _extraction = relations(rules, text)
    assert found == (TABLE_EXPECTED[text] if expected is SAME else expected)


TABLE_EXPECTED = {row[0]: row[1] for row in TABLE}


@pytest.mark.parametrize("text, names", [
    ("Ann Lee and Deputy Minister Ho Wen signed the agreement to curb fentanyl.", {("Ann Lee", "Person"), ("Ho Wen", "Person")}),
    ("Officials said Ann Lee and Deputy Minister Ho Wen met in Beijing to discuss sanctions on Zhang Weiming "
     "and Wuhan Huayi Chemical.", {("Zhang Weiming", "Person"), ("Wuhan Huayi Chemical", "Organization")}),
    ("India's Narcotics Control Bureau arrested Rajesh Kumar Sharma in Mumbai.", {("Rajesh Kumar Sharma", "Person")}),
])
def test_syntax_names_split_at_coordination_and_found_by_the_ner(parsed, text, names):
    _, found = relations(parsed, text)
    assert names <= {(m.text, m.type) for m in found.mentions}


@pytest.mark.parametrize("text", ["Canada imposed sanctions on Iran. It also sanctioned Russia."])
def test_syntax_counts_sentences_and_parsed_sentences(parsed, rules, text):
    _, found = relations(parsed, text)
    assert found.stats["sentences"] == 3 and 1 <= found.stats["parsed_sentences"] <= 2
    _, alone = relations(rules, text)
    assert alone.stats.get("parsed_sentences", 0) == 0


@pytest.mark.parametrize("text, parsed_sentences", [
    ("Britain froze the assets of four officials on Monday. The four were Ali Hassan, Omar Said, Karim Aziz and "
     "Nabil Haddad.", 2),
    ("The team won the cup in Leeds on Monday. The four were Ali Hassan, Omar Said, Karim Aziz and Nabil Haddad.", 0),
    ("The court sat in Lyon on Monday. They were shipped from Peru to Spain in banana boxes.", 1),
    ("The court sat in Lyon on Monday. The fruit was shipped from Peru to Spain in boxes.", 0),
])
def test_syntax_parses_only_sentences_a_pattern_may_read(parsed, text, parsed_sentences):
    """A list of names is parsed right after a sentence that may state its relation; a pronoun
    opening a sentence may stand for the substance a flow needs."""
    _, found = relations(parsed, text)
    assert found.stats["parsed_sentences"] == parsed_sentences


@pytest.mark.parametrize("a, b, total", [({"sentences": 2, "parsed_sentences": 1}, {"parsed_sentences": 1},
                                          {"sentences": 2, "parsed_sentences": 2})])
def test_syntax_extraction_merge_sums_stats(a, b, total):
    article = Article.from_parts(title="T", source="x")
    merged = Extraction(article, stats=dict(a))
    merged.merge(Extraction(article, stats=dict(b)))
    assert merged.stats == total


def test_syntax_parser_is_in_the_extractor_versions(parsed, rules):
    for with_parser, alone in zip(parsed, rules):
        assert with_parser.version.startswith(alone.version + "+") and "-" in with_parser.version
    assert rules[0].version == EntityExtractor.version and rules[1].version == RelationExtractor.version


@pytest.mark.parametrize("variable", ["none", "off"])
def test_syntax_environment_variable_forces_the_rules(monkeypatch, variable):
    monkeypatch.setenv("KG_PARSER", variable)
    assert RelationExtractor().version == RelationExtractor.version and EntityExtractor().version == EntityExtractor.version
    assert "+" not in RelationExtractor.version + EntityExtractor.version


def test_syntax_extractors_pickle_and_work_after(parsed):
    text = "The United States imposed sanctions on Iran, Syria and Cuba."
    copies = [pickle.loads(pickle.dumps(e)) for e in parsed]
    assert [c.version for c in copies] == [e.version for e in parsed]
    assert relations(copies, text)[0] == relations(parsed, text)[0]


RULER_TEXTS = [row[0] for row in TABLE] + [
    "I'm gonna go, y'all.  He ain't here and we gotta leave; let's go.", "There is a man who did it.",
    "C'mon, you got it. Nothin' gets done.", "Do you have it? I did have it, and it is what it is.",
    "But he did not say that which I saw.", "That was that.\n\nThe end",
]


def test_syntax_attribute_ruler_finds_what_spacys_matcher_finds(parsed):
    """kg's faster attribute ruler match (kg.extract.ruler) returns what spaCy's does."""
    import spacy

    from kg.extract.syntax import load_parser

    fast = load_parser(parser_name()).get_pipe("attribute_ruler")
    reference = spacy.load(parser_name(), exclude=["lemmatizer"])
    assert "match" in vars(fast) and "match" not in vars(reference.get_pipe("attribute_ruler"))
    found = 0
    for text in RULER_TEXTS:
        doc = reference.make_doc(text)
        for name in ("tok2vec", "tagger", "parser"):
            doc = reference.get_pipe(name)(doc)
        expected = sorted(set(reference.get_pipe("attribute_ruler").match(doc)))
        assert fast.match(doc) == expected, text
        found += len(expected)
    assert found > 100


def _forget_parses():
    from kg.extract import syntax, text

    syntax._PARSES.clear()
    text._CACHE.clear()


def test_syntax_articles_extracted_together_are_extracted_as_alone(parsed):
    """A worker extracts a chunk of articles at once, their sentences parsed in one batch: each
    article's extraction is the one it has alone."""
    articles = [Article.from_parts(title="Report", body=[text], source=f"{n}.txt") for n, (text, _, _) in enumerate(TABLE)]
    _forget_parses()
    alone = [run(article, parsed) for article in articles]
    _forget_parses()
    together = run_many(articles, parsed)
    assert sum(x.stats["parsed_sentences"] for x in alone) >= len(TABLE) // 2  # the batch is not trivial
    for a, t in zip(alone, together):
        assert (a.mentions, a.entities, a.relations, a.stats) == (t.mentions, t.entities, t.relations, t.stats)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(["China", "imposed", "sanctions", "on", "Mexico", "and", "Ann", "Lee", "said", ",",
                                 ".", "\n", "fentanyl", "to", "it", "the", "company", "which", "\"", "pledged",
                                 "Zhou", "Hai", "was", "by"]) | st.text(max_size=8), max_size=40))
@example(words=["Ann", "China", ","])  # a name and a comma ending the text: no alias after it
@example(words=["China", "China", "sanctions", "¹"])  # a digit no int() reads, where a count may be
def test_syntax_arbitrary_text_never_crashes_either_path(parsed, rules, words):
    text = " ".join(words)
    for extractors in (parsed, rules):
        found = run(Article.from_parts(title="T", body=[text], source="x"), extractors)
        for r in found.relations:
            assert r.subject in found.entities
            for e in r.evidence:
                assert found.article.text[e.start:e.end] == e.text


@pytest.mark.parametrize("text", ["Report\n\nCanada imposed sanctions on Iran. Officials met in Lima."])
def test_syntax_build_json_reports_parsed_sentences(runner, tmp_path, monkeypatch, text):
    import json

    from kg.cli import main

    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    result = runner.invoke(main, ["build", "a.txt", "--store", "memory", "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["extraction"]["sentences"] == 3 and report["extraction"]["parsed_sentences"] == 1
    assert all("+" in e for e in report["extractors"])
